import { once } from "node:events";
import type { ConfirmChannel } from "amqplib";
import type { EventEnvelope, EventTransport, TransportSubscription } from "../contracts.js";
import type { TopicSpec } from "./kafka-transport.js";
import { silentLogger, type EventLogger } from "./logger.js";
import { toAmqpMessage } from "./rabbitmq-codec.js";
import { GroupMember } from "./rabbitmq-group.js";
import { AmqpLink, redactUrl, type AmqpSession } from "./rabbitmq-link.js";
import { declareDeadLetterQueue, declareExchange, declareGroup, isDeadLetterTopic } from "./rabbitmq-topology.js";
import { TransportStateError } from "./transport-errors.js";
import { TransportLifecycle } from "./transport-lifecycle.js";

export interface RabbitMqTransportOptions {
  /** `amqp://user:password@host:5672/vhost` (what `AMQP_URL` holds). */
  readonly url: string;
  /** Connection name shown by the broker, e.g. `shop-orders`. */
  readonly clientId: string;
  /** The system's topic exchange (default `archkit`); `transportConfigFromEnv` uses the system name. */
  readonly exchange?: string;
  /** Topics with their partitions: the number of shard queues per consumer group (from the model: `modelTopics(model)`). */
  readonly topics?: readonly TopicSpec[];
  /** Shard queues for a topic `topics` does not list (default 3, the model's default `partitions`). */
  readonly partitions?: number;
  /** Unacknowledged messages per shard queue and consumer (default 32). */
  readonly prefetch?: number;
  /** Wait before a message whose handler threw is handled again (default 100ms). */
  readonly redeliveryDelayMs?: number;
  /** How often replicas share out the shards again (default 1000ms). */
  readonly rebalanceMs?: number;
  /** Deliveries without an acknowledgement after which RabbitMQ dead-letters a message (default 20). */
  readonly deliveryLimit?: number;
  /** How long `send` waits for a lost connection to come back before it fails (default 10s). */
  readonly sendTimeoutMs?: number;
  /** Reconnect backoff: first wait and longest wait (default 100ms and 5s). */
  readonly reconnect?: { readonly minMs?: number; readonly maxMs?: number };
  readonly logger?: EventLogger;
}

/**
 * The RabbitMQ transport (AMQP 0-9-1, amqplib). Events go to the system's topic exchange with
 * the topic as routing key, persistent and with publisher confirms: `send` resolves once the
 * broker has them. Each (topic, consumer group) has a consistent-hash exchange over N durable
 * quorum queues (N = the topic's partitions), hashed on the key, so every group gets every event
 * and a key's events stay in one queue; replicas of a service share the queues, one owner per
 * queue, and acknowledge each message after its handler resolved (bounded prefetch). A lost
 * connection is re-established with backoff and consumption resumes; what was not acknowledged
 * is delivered again.
 *
 * @example
 * const transport = new RabbitMqTransport({ url: "amqp://guest:guest@127.0.0.1:5672", clientId: "shop-orders", exchange: "shop", topics: modelTopics(model) });
 * await transport.start();
 */
export class RabbitMqTransport implements EventTransport {
  readonly kind = "rabbitmq";
  private readonly exchange: string;
  private readonly logger: EventLogger;
  private readonly members: GroupMember[] = [];
  private readonly deadLetterQueues = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private link: AmqpLink | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly lifecycle = new TransportLifecycle("rabbitmq");

  constructor(private readonly options: RabbitMqTransportOptions) {
    this.exchange = options.exchange ?? "archkit";
    this.logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    if (!this.lifecycle.mayStart()) return;
    const link = new AmqpLink({
      url: this.options.url,
      clientId: this.options.clientId,
      logger: this.logger,
      onUp: (session) => this.setUp(session),
      onDown: () => this.members.forEach((m) => m.detach()),
      minBackoffMs: this.options.reconnect?.minMs,
      maxBackoffMs: this.options.reconnect?.maxMs,
    });
    try {
      await link.open();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const hint = reason.includes("x-consistent-hash")
        ? "; enable the plugin on the broker: rabbitmq-plugins enable rabbitmq_consistent_hash_exchange"
        : "";
      throw new TransportStateError(
        "rabbitmq",
        "start",
        `broker ${redactUrl(this.options.url)} (AMQP_URL) is not usable: ${reason}${hint}`,
      );
    }
    this.link = link;
    this.lifecycle.markStarted();
    this.timer = setInterval(() => this.members.forEach((m) => void m.rebalance()), this.options.rebalanceMs ?? 1_000);
    this.timer.unref();
  }

  async send(envelopes: readonly EventEnvelope[]): Promise<void> {
    const link = this.lifecycle.sendingOn(this.link);
    const sending = this.publish(await link.whenUp(this.options.sendTimeoutMs ?? 10_000), envelopes);
    this.track(sending);
    await sending;
  }

  async subscribe(subscription: TransportSubscription): Promise<void> {
    this.lifecycle.checkSubscription(subscription, (topic, group) =>
      this.members.some((m) => m.topology.topic === topic && m.topology.group === group),
    );
    const member = new GroupMember({
      subscription,
      shards: this.shardsOf(subscription.topic),
      prefetch: this.options.prefetch ?? 32,
      redeliveryDelayMs: this.options.redeliveryDelayMs ?? 100,
      logger: this.logger,
      track: (run) => this.track(run),
    });
    this.members.push(member);
    const session = this.link?.current();
    if (session) await this.join(session, member);
  }

  async ready(): Promise<boolean> {
    return this.lifecycle.started && this.link?.current() !== undefined;
  }

  async stop(): Promise<void> {
    if (this.lifecycle.stop() === "stopped") return;
    clearInterval(this.timer);
    await Promise.all(this.members.map((m) => m.leave()));
    await Promise.allSettled([...this.inflight]);
    await this.link?.close();
  }

  /** The shards this transport consumes now, per `<group> <topic>` (for tests and diagnostics). */
  ownedShards(): Readonly<Record<string, readonly number[]>> {
    return Object.fromEntries(this.members.map((m) => [`${m.topology.group} ${m.topology.topic}`, m.ownedShards()]));
  }

  private async setUp(session: AmqpSession): Promise<void> {
    await declareExchange(session.control, this.exchange);
    this.deadLetterQueues.clear();
    for (const member of this.members) await this.join(session, member);
  }

  private async join(session: AmqpSession, member: GroupMember): Promise<void> {
    await declareGroup(session.control, this.exchange, member.topology, this.options.deliveryLimit ?? 20);
    await member.attach(session);
  }

  private async publish(session: AmqpSession, envelopes: readonly EventEnvelope[]): Promise<void> {
    for (const topic of new Set(envelopes.map((e) => e.topic))) {
      if (isDeadLetterTopic(topic)) await this.ensureDeadLetterQueue(session, topic);
    }
    const confirms: Promise<void>[] = [];
    for (const envelope of envelopes) {
      const { content, options } = toAmqpMessage(envelope);
      let writable = true;
      const confirmed = new Promise<void>((resolve, reject) => {
        writable = session.publisher.publish(this.exchange, envelope.topic, content, options, (error: unknown) =>
          error ? reject(confirmError(envelope, error)) : resolve(),
        );
      });
      confirmed.catch(() => undefined);
      confirms.push(confirmed);
      if (!writable) await drained(session.publisher);
    }
    await Promise.all(confirms);
  }

  private async ensureDeadLetterQueue(session: AmqpSession, topic: string): Promise<void> {
    if (this.deadLetterQueues.has(topic)) return;
    await declareDeadLetterQueue(session.control, this.exchange, topic);
    this.deadLetterQueues.add(topic);
  }

  private shardsOf(topic: string): number {
    return this.options.topics?.find((t) => t.topic === topic)?.partitions ?? this.options.partitions ?? 3;
  }

  private track(run: Promise<unknown>): void {
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
  }
}

/** Resolves when the channel can take more, or when it closed (the pending confirms then fail). */
async function drained(channel: ConfirmChannel): Promise<void> {
  await Promise.race([once(channel, "drain"), once(channel, "close")]);
}

function confirmError(envelope: EventEnvelope, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`RabbitMQ did not confirm event ${envelope.id} on topic ${envelope.topic}: ${reason}`);
}
