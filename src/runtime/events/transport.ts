import { computeModel } from "../../model/computed/index.js";
import type { Model } from "../../model/index.js";
import type { EventTransport } from "../contracts.js";
import { KafkaTransport, type TopicSpec } from "./kafka-transport.js";
import type { EventLogger } from "./logger.js";
import type { MemoryBroker } from "./memory-broker.js";
import { MemoryTransport } from "./memory-transport.js";
import { redactUrl } from "./rabbitmq-link.js";
import { RabbitMqTransport } from "./rabbitmq-transport.js";
import { parseBrokerUrl } from "./socket-protocol.js";
import { SocketTransport } from "./socket-transport.js";
import { ArchkitError } from "../../model/errors.js";
import { unreachable } from "../../model/errors.js";

export type TransportConfig =
  | { readonly kind: "memory"; readonly broker?: MemoryBroker }
  | { readonly kind: "socket"; readonly url: string }
  | {
      readonly kind: "kafka";
      readonly brokers: readonly string[];
      readonly clientId: string;
      readonly topics?: readonly TopicSpec[];
      readonly logger?: EventLogger;
    }
  | {
      readonly kind: "rabbitmq";
      readonly url: string;
      readonly clientId: string;
      /** The system's topic exchange. */
      readonly exchange: string;
      readonly topics?: readonly TopicSpec[];
      readonly logger?: EventLogger;
    };

/** `KAFKA_BROKERS`, `AMQP_URL` (or another transport setting) the runtime cannot use; the message is meant for the user as is. */
export class TransportConfigError extends ArchkitError {
  override readonly name = "TransportConfigError";
  override readonly code = "transport-config";
}

const BROKER = /^[^\s:,/]+:\d{1,5}$/;

export interface FromEnvOptions {
  /** Kafka client id and RabbitMQ connection name, e.g. `<system>-<service>`. */
  readonly clientId: string;
  /** The system's name: the RabbitMQ exchange (default `archkit`). */
  readonly system?: string;
  readonly topics?: readonly TopicSpec[];
  readonly broker?: MemoryBroker;
  readonly logger?: EventLogger;
}

/**
 * Kafka when `KAFKA_BROKERS` is set (comma-separated `host:port`); RabbitMQ when `AMQP_URL` is
 * set (`amqp://` or `amqps://`); both set is an error. Otherwise the embedded broker of
 * `archkit dev` when `ARCHKIT_BROKER_URL` is set (`tcp://host:port`); the memory transport otherwise.
 *
 * @example
 * const config = transportConfigFromEnv(process.env, { clientId: "shop-orders", system: "shop", topics: modelTopics(model) });
 * const transport = createTransport(config);
 */
export function transportConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: FromEnvOptions,
): TransportConfig {
  const raw = env.KAFKA_BROKERS?.trim();
  const amqp = env.AMQP_URL?.trim();
  if (raw && amqp)
    throw new TransportConfigError(
      "both KAFKA_BROKERS and AMQP_URL are set; a service uses one event broker: unset KAFKA_BROKERS to use RabbitMQ, or AMQP_URL to use Kafka",
    );
  if (amqp) return rabbitConfig(amqp, options);
  if (!raw) return embeddedConfig(env, options);
  const brokers = raw.split(",").map((b) => b.trim());
  const bad = brokers.filter((b) => !BROKER.test(b));
  if (bad.length > 0) {
    throw new TransportConfigError(
      `KAFKA_BROKERS "${raw}" has ${bad.map((b) => `"${b}"`).join(", ")}, which is not host:port; expected e.g. KAFKA_BROKERS=kafka-0:9092,kafka-1:9092`,
    );
  }
  return { kind: "kafka", brokers, clientId: options.clientId, topics: options.topics, logger: options.logger };
}

function rabbitConfig(url: string, options: FromEnvOptions): TransportConfig {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !["amqp:", "amqps:"].includes(parsed.protocol) || !parsed.hostname) {
    throw new TransportConfigError(
      `AMQP_URL "${redactUrl(url)}" is not an amqp:// or amqps:// URL; expected e.g. AMQP_URL=amqp://user:password@rabbitmq:5672/vhost`,
    );
  }
  return {
    kind: "rabbitmq",
    url,
    clientId: options.clientId,
    exchange: options.system ?? "archkit",
    topics: options.topics,
    logger: options.logger,
  };
}

function embeddedConfig(env: Readonly<Record<string, string | undefined>>, options: FromEnvOptions): TransportConfig {
  const url = env.ARCHKIT_BROKER_URL?.trim();
  if (!url) return options.broker ? { kind: "memory", broker: options.broker } : { kind: "memory" };
  try {
    parseBrokerUrl(url);
  } catch (error) {
    throw new TransportConfigError((error as Error).message);
  }
  return { kind: "socket", url };
}

/**
 * The transport a configuration describes.
 *
 * @example
 * const transport = createTransport({ kind: "memory" });
 */
export function createTransport(config: TransportConfig): EventTransport {
  switch (config.kind) {
    case "memory":
      return new MemoryTransport({ broker: config.broker });
    case "socket":
      return new SocketTransport({ url: config.url });
    case "kafka":
      return new KafkaTransport({
        brokers: config.brokers,
        clientId: config.clientId,
        topics: config.topics,
        logger: config.logger,
      });
    case "rabbitmq":
      return new RabbitMqTransport({
        url: config.url,
        clientId: config.clientId,
        exchange: config.exchange,
        topics: config.topics,
        logger: config.logger,
      });
    default: {
      return unreachable(config);
    }
  }
}

/**
 * Every topic of the model with its partitions, and the dead-letter topic of each event that a
 * consumer dead-letters, sorted by name.
 *
 * @example
 * modelTopics(model); // [{ topic: "orders.order-created", partitions: 6 }, { topic: "orders.order-created.dlq", partitions: 6 }, ...]
 */
export function modelTopics(model: Model): TopicSpec[] {
  const topics = new Map<string, number>();
  const computed = computeModel(model);
  for (const event of model.events) {
    topics.set(event.topic, Math.max(event.partitions, topics.get(event.topic) ?? 0));
    if (computed.deadLetterersOf(event.id).length > 0)
      topics.set(event.deadLetterTopic, Math.max(event.partitions, topics.get(event.deadLetterTopic) ?? 0));
  }
  return [...topics]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([topic, partitions]) => ({ topic, partitions }));
}
