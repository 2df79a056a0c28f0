import type { Channel } from "amqplib";

/** Longest exchange or queue name RabbitMQ accepts (bytes). */
const MAX_NAME = 255;
/** Lock and replica-count queues of a transport that is gone are deleted after a minute unused. */
const HELPER_EXPIRES_MS = 60_000;

/** The names of what one (topic, consumer group) uses on the broker. */
export interface GroupTopology {
  readonly topic: string;
  readonly group: string;
  /** Number of shard queues: the unit of ordering per key and of work sharing between replicas. */
  readonly shards: number;
  /** The group's consistent-hash exchange, bound to the system exchange with the topic as routing key. */
  readonly hashExchange: string;
  /** Quorum queue `i` (durable, single active consumer). */
  shardQueue(i: number): string;
  /** Classic queue whose single exclusive consumer is the replica that owns shard `i`. */
  lockQueue(i: number): string;
  /** Classic queue every replica of the group consumes, so its consumer count is the number of replicas. */
  readonly replicasQueue: string;
}

/**
 * The broker objects of a consumer group on a topic: `<group>.<topic>` (consistent-hash
 * exchange), `<group>.<topic>.<i>` (shards), `.<i>.lock` and `.replicas` (helpers).
 *
 * @example
 * groupTopology("orders.order-created", "shop.billing", 6).shardQueue(0); // "shop.billing.orders.order-created.0"
 */
export function groupTopology(topic: string, group: string, shards: number): GroupTopology {
  const base = `${group}.${topic}`;
  checkName(`${base}.${shards - 1}.lock`, `group ${group} on topic ${topic}`);
  return {
    topic,
    group,
    shards,
    hashExchange: base,
    shardQueue: (i) => `${base}.${i}`,
    lockQueue: (i) => `${base}.${i}.lock`,
    replicasQueue: `${base}.replicas`,
  };
}

/** The durable queue that keeps a dead-letter topic's events for inspection (`<topic>.dlq`). */
export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(".dlq");
}

export async function declareExchange(channel: Channel, exchange: string): Promise<void> {
  checkName(exchange, "the system exchange");
  await channel.assertExchange(exchange, "topic", { durable: true });
}

/**
 * Declares a group's hash exchange and shard queues and binds them. Shards of an ordinary topic
 * dead-letter into `<topic>.dlq` when RabbitMQ gives up on a message (`deliveryLimit`
 * deliveries without an acknowledgement, e.g. a handler that crashes its process every time).
 */
export async function declareGroup(
  channel: Channel,
  exchange: string,
  topology: GroupTopology,
  deliveryLimit: number,
): Promise<void> {
  await channel.assertExchange(topology.hashExchange, "x-consistent-hash", {
    durable: true,
    arguments: { "hash-header": "x-event-route" },
  });
  await channel.bindExchange(topology.hashExchange, exchange, topology.topic);
  const deadLetter = isDeadLetterTopic(topology.topic)
    ? {}
    : { "x-dead-letter-exchange": exchange, "x-dead-letter-routing-key": `${topology.topic}.dlq` };
  for (let i = 0; i < topology.shards; i++) {
    await channel.assertQueue(topology.shardQueue(i), {
      durable: true,
      arguments: {
        "x-queue-type": "quorum",
        "x-single-active-consumer": true,
        "x-delivery-limit": deliveryLimit,
        ...deadLetter,
      },
    });
    await channel.bindQueue(topology.shardQueue(i), topology.hashExchange, "1");
  }
  if (!isDeadLetterTopic(topology.topic)) await declareDeadLetterQueue(channel, exchange, `${topology.topic}.dlq`);
}

/** The durable quorum queue `<topic>.dlq` bound to the system exchange, where dead letters wait to be looked at. */
export async function declareDeadLetterQueue(channel: Channel, exchange: string, topic: string): Promise<void> {
  checkName(topic, `dead-letter topic ${topic}`);
  await channel.assertQueue(topic, { durable: true, arguments: { "x-queue-type": "quorum" } });
  await channel.bindQueue(topic, exchange, topic);
}

/** Declares a helper queue (idempotent) and returns how many consumers it has. */
export async function helperConsumers(channel: Channel, queue: string): Promise<number> {
  const reply = await channel.assertQueue(queue, { durable: false, arguments: { "x-expires": HELPER_EXPIRES_MS } });
  return reply.consumerCount;
}

function checkName(name: string, what: string): void {
  if (Buffer.byteLength(name) > MAX_NAME)
    throw new Error(
      `the RabbitMQ names for ${what} are longer than ${MAX_NAME} bytes (${name}); use shorter topic or group names`,
    );
}
