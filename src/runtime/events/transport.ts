import type { Model } from "../../model/index.js";
import type { EventTransport } from "../contracts.js";
import { KafkaTransport, type TopicSpec } from "./kafka-transport.js";
import type { EventLogger } from "./logger.js";
import type { MemoryBroker } from "./memory-broker.js";
import { MemoryTransport } from "./memory-transport.js";
import { parseBrokerUrl } from "./socket-protocol.js";
import { SocketTransport } from "./socket-transport.js";
import { ArchkitError } from "../../model/errors.js";

export type TransportConfig =
  | { readonly kind: "memory"; readonly broker?: MemoryBroker }
  | { readonly kind: "socket"; readonly url: string }
  | {
      readonly kind: "kafka";
      readonly brokers: readonly string[];
      readonly clientId: string;
      readonly topics?: readonly TopicSpec[];
      readonly logger?: EventLogger;
    };

/** `KAFKA_BROKERS` (or another transport setting) the runtime cannot use; the message is meant for the user as is. */
export class TransportConfigError extends ArchkitError {
  override readonly name = "TransportConfigError";
  override readonly code = "transport-config";
}

const BROKER = /^[^\s:,/]+:\d{1,5}$/;

export interface FromEnvOptions {
  /** Kafka client id, e.g. `<system>-<service>`. */
  readonly clientId: string;
  readonly topics?: readonly TopicSpec[];
  readonly broker?: MemoryBroker;
  readonly logger?: EventLogger;
}

/**
 * Kafka when `KAFKA_BROKERS` is set (comma-separated `host:port`); the embedded broker of
 * `archkit dev` when `ARCHKIT_BROKER_URL` is set (`tcp://host:port`); the memory transport otherwise.
 *
 * @example
 * const config = transportConfigFromEnv(process.env, { clientId: "shop-orders", topics: modelTopics(model) });
 * const transport = createTransport(config);
 */
export function transportConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: FromEnvOptions,
): TransportConfig {
  const raw = env.KAFKA_BROKERS?.trim();
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
    default: {
      const unreachable: never = config;
      throw new Error(`unhandled transport ${JSON.stringify(unreachable)}`);
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
  for (const event of model.events) {
    topics.set(event.topic, Math.max(event.partitions, topics.get(event.topic) ?? 0));
    const deadLettered = model.services.some((s) => s.consumers.some((c) => c.event === event.id && c.deadLetter));
    if (deadLettered)
      topics.set(event.deadLetterTopic, Math.max(event.partitions, topics.get(event.deadLetterTopic) ?? 0));
  }
  return [...topics]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([topic, partitions]) => ({ topic, partitions }));
}
