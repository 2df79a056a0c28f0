import type { Admin, Consumer, Kafka, LogEntry, Producer } from "kafkajs";
import { lazyPackage } from "../lazy.js";
import type { EventEnvelope, EventTransport, TransportHandler, TransportSubscription } from "../contracts.js";
import { fromKafkaMessage, toKafkaMessage } from "./kafka-codec.js";
import { silentLogger, type EventLogger } from "./logger.js";
import { TransportStateError } from "./transport-errors.js";
import { TransportLifecycle } from "./transport-lifecycle.js";

const kafkajs = lazyPackage<typeof import("kafkajs")>("kafkajs");

/** A topic and its partition count, created when missing. */
export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
}

export interface KafkaTransportOptions {
  readonly brokers: readonly string[];
  /** Client id shown by the brokers, e.g. `shop-orders`. */
  readonly clientId: string;
  /** Topics to create at start when they do not exist (from the model: `modelTopics(model)`). */
  readonly topics?: readonly TopicSpec[];
  /** Where a group without a committed offset starts (default true: the oldest retained record). */
  readonly fromBeginning?: boolean;
  readonly replicationFactor?: number;
  readonly logger?: EventLogger;
}

/**
 * The Kafka transport (kafkajs): an idempotent producer (acks from all in-sync replicas), one
 * consumer per group subscribed to that group's topics, the envelope's fields in headers, and
 * an offset committed only after the handler resolved, so a handler that throws or a process
 * that dies sees the record again.
 *
 * @example
 * const transport = new KafkaTransport({ brokers: ["kafka:9092"], clientId: "shop-orders", topics: modelTopics(model) });
 * await transport.start();
 */
export class KafkaTransport implements EventTransport {
  readonly kind = "kafka";
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly groups = new Map<string, Map<string, TransportHandler>>();
  private readonly consumers = new Map<string, Consumer>();
  private readonly lifecycle = new TransportLifecycle("kafka");

  constructor(private readonly options: KafkaTransportOptions) {
    const logger = options.logger ?? silentLogger;
    const { Kafka, logLevel, Partitioners } = kafkajs();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => forward(logger, entry),
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
  }

  async start(): Promise<void> {
    if (!this.lifecycle.mayStart()) return;
    try {
      await this.admin.connect();
      await this.ensureTopics();
      await this.producer.connect();
    } catch (error) {
      throw new TransportStateError(
        "kafka",
        "start",
        `brokers ${this.options.brokers.join(",")} (KAFKA_BROKERS) are not usable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.lifecycle.markStarted();
    for (const group of this.groups.keys()) await this.startGroup(group);
  }

  async send(envelopes: readonly EventEnvelope[]): Promise<void> {
    const producer = this.lifecycle.sendingOn(this.producer);
    const byTopic = new Map<string, EventEnvelope[]>();
    for (const envelope of envelopes) byTopic.set(envelope.topic, [...(byTopic.get(envelope.topic) ?? []), envelope]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list.map(toKafkaMessage) })),
    });
  }

  async subscribe(subscription: TransportSubscription): Promise<void> {
    const handlers = this.groups.get(subscription.group) ?? new Map<string, TransportHandler>();
    this.lifecycle.checkSubscription(subscription, (topic) => handlers.has(topic));
    handlers.set(subscription.topic, subscription.handler);
    this.groups.set(subscription.group, handlers);
    if (this.lifecycle.started) await this.startGroup(subscription.group);
  }

  async ready(): Promise<boolean> {
    if (!this.lifecycle.started) return false;
    try {
      await this.admin.describeCluster();
      return true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    const was = this.lifecycle.stop();
    if (was === "stopped") return;
    const wasStarted = was === "started";
    await Promise.all([...this.consumers.values()].map((c) => c.disconnect()));
    this.consumers.clear();
    if (!wasStarted) return;
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  private async ensureTopics(): Promise<void> {
    const wanted = this.options.topics ?? [];
    if (wanted.length === 0) return;
    const existing = new Set(await this.admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.topic,
        numPartitions: t.partitions,
        replicationFactor: this.options.replicationFactor ?? -1,
      })),
    });
  }

  /** (Re)starts the consumer of a group with all of the group's topics: kafkajs cannot add a topic to a running consumer. */
  private async startGroup(group: string): Promise<void> {
    const handlers = this.groups.get(group)!;
    await this.consumers.get(group)?.disconnect();
    const consumer = this.kafka.consumer({ groupId: group, allowAutoTopicCreation: false });
    this.consumers.set(group, consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...handlers.keys()], fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const handler = handlers.get(topic);
        if (handler) await handler(fromKafkaMessage(topic, partition, message));
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
  }
}

function forward(logger: EventLogger, entry: LogEntry): void {
  const { logLevel } = kafkajs();
  const { message, ...details } = entry.log;
  const text = `kafka: ${message}`;
  const fields = { namespace: entry.namespace, ...details };
  if (entry.level === logLevel.ERROR) logger.error(fields, text);
  else if (entry.level === logLevel.WARN) logger.warn(fields, text);
  else if (entry.level === logLevel.INFO) logger.info(fields, text);
  else logger.debug(fields, text);
}
