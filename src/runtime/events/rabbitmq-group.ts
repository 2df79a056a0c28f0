import type { TransportSubscription } from "../contracts.js";
import { errorText } from "./envelope.js";
import type { EventLogger } from "./logger.js";
import type { AmqpSession } from "./rabbitmq-link.js";
import { ShardConsumer } from "./rabbitmq-shard.js";
import { groupTopology, helperConsumers, type GroupTopology } from "./rabbitmq-topology.js";

export interface GroupMemberOptions {
  readonly subscription: TransportSubscription;
  readonly shards: number;
  readonly prefetch: number;
  readonly redeliveryDelayMs: number;
  readonly logger: EventLogger;
  readonly track: (run: Promise<unknown>) => void;
}

/**
 * This replica's part of a consumer group on a topic. Each replica consumes the group's
 * `.replicas` queue, so its consumer count is the number of replicas R; a replica owns shard `i`
 * while it is the exclusive consumer of the shard's lock queue, and only then consumes the shard.
 * `rebalance()` (on start, on reconnect and every few hundred milliseconds) gives shards back
 * above ceil(shards / R) and takes free ones below it, so replicas share the shards and a
 * replica that goes away has its shards taken over. The shard queues also have single active
 * consumer set, so even two owners at once (a lock handed over before the broker saw the old
 * consumer go) cannot break the order of a key.
 */
export class GroupMember {
  readonly topology: GroupTopology;
  private readonly owned = new Map<number, ShardConsumer>();
  private session: AmqpSession | undefined;
  private busy: Promise<void> | undefined;

  constructor(private readonly options: GroupMemberOptions) {
    this.topology = groupTopology(options.subscription.topic, options.subscription.group, options.shards);
  }

  /** Shards this replica consumes now. */
  ownedShards(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  /** Joins the group on a new session (the shard queues are declared already). */
  async attach(session: AmqpSession): Promise<void> {
    await this.busy;
    this.session = session;
    this.owned.clear();
    await helperConsumers(session.control, this.topology.replicasQueue);
    await session.control.consume(this.topology.replicasQueue, () => undefined, { noAck: true });
    await this.rebalance();
  }

  /** The session went away: its channels, and with them the shards, are gone. */
  detach(): void {
    this.session = undefined;
    this.owned.clear();
  }

  /** One rebalancing pass; passes do not overlap. */
  rebalance(): Promise<void> {
    this.busy ??= this.balance()
      .catch((error: unknown) => {
        this.options.logger.warn(
          { topic: this.topology.topic, group: this.topology.group, err: errorText(error) },
          "rabbitmq: rebalancing failed; trying again soon",
        );
      })
      .finally(() => {
        this.busy = undefined;
      });
    return this.busy;
  }

  /** Gives back every shard after its current message. */
  async leave(): Promise<void> {
    await this.busy;
    const shards = [...this.owned.values()];
    this.owned.clear();
    this.session = undefined;
    await Promise.all(shards.map((s) => s.release()));
  }

  private async balance(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const replicas = Math.max(1, await helperConsumers(session.control, this.topology.replicasQueue));
    const target = Math.ceil(this.topology.shards / replicas);
    for (const shard of this.ownedShards()
      .reverse()
      .slice(0, Math.max(0, this.owned.size - target))) {
      const consumer = this.owned.get(shard)!;
      this.owned.delete(shard);
      await consumer.release();
    }
    const start = Math.floor(Math.random() * this.topology.shards);
    for (let n = 0; n < this.topology.shards && this.owned.size < target; n++) {
      const shard = (start + n) % this.topology.shards;
      if (this.session !== session) return;
      if (!this.owned.has(shard)) await this.claim(session, shard);
    }
  }

  private async claim(session: AmqpSession, shard: number): Promise<void> {
    const lock = this.topology.lockQueue(shard);
    if ((await helperConsumers(session.control, lock)) > 0) return;
    const channel = await session.connection.createChannel();
    channel.on("error", () => undefined);
    try {
      await channel.consume(lock, () => undefined, { noAck: true, exclusive: true });
    } catch {
      return;
    }
    if (this.session !== session) {
      await channel.close().catch(() => undefined);
      return;
    }
    const consumer = new ShardConsumer({
      channel,
      queue: this.topology.shardQueue(shard),
      handler: this.options.subscription.handler,
      prefetch: this.options.prefetch,
      redeliveryDelayMs: this.options.redeliveryDelayMs,
      logger: this.options.logger,
      track: this.options.track,
      onLost: () => {
        if (this.owned.get(shard) === consumer) this.owned.delete(shard);
      },
    });
    this.owned.set(shard, consumer);
    try {
      await consumer.start();
    } catch (error) {
      this.owned.delete(shard);
      await channel.close().catch(() => undefined);
      throw error;
    }
  }
}
