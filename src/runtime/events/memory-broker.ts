import type { EventEnvelope, TransportHandler } from "../contracts.js";
import { keyHash, PartitionLog, wireCopy } from "./memory-log.js";

export interface MemoryBrokerOptions {
  /** Partitions per topic (default 8): the unit of ordering and of work sharing within a group. */
  readonly partitions?: number;
  /** Wait before delivering a message again after its handler threw (default 100ms). */
  readonly redeliveryDelayMs?: number;
  /** Messages kept per partition when no group has consumed them (default 100,000). */
  readonly retainPerPartition?: number;
}

/** One consumer of a group, as the broker sees it. */
export interface MemoryMember {
  readonly handler: TransportHandler;
  /** Receives every delivery promise so the member's transport can wait for them when stopping. */
  readonly track: (delivery: Promise<unknown>) => void;
}

interface GroupState {
  readonly members: MemoryMember[];
  /** Next offset to deliver, per partition: the group's committed position. */
  readonly offsets: number[];
  readonly draining: boolean[];
}

interface TopicState {
  readonly partitions: readonly PartitionLog[];
  readonly groups: Map<string, GroupState>;
  nextPartition: number;
}

/**
 * The in-process message broker behind memory transports; every memory transport on one broker
 * sees the same topics, so services in one process talk through it. Like Kafka: topics split into
 * partitions by key (order is kept per key), each consumer group has its own position, the
 * members of a group share the partitions, a message is committed only when its handler
 * resolves and is delivered again (after `redeliveryDelayMs`) when it throws. A group that
 * joins late starts at the oldest message still kept.
 *
 * @example
 * const broker = new MemoryBroker({ partitions: 4, redeliveryDelayMs: 10 });
 * const orders = new MemoryTransport({ broker });
 * const billing = new MemoryTransport({ broker });
 */
export class MemoryBroker {
  private readonly topics = new Map<string, TopicState>();
  private readonly partitionCount: number;
  private readonly redeliveryDelayMs: number;
  private readonly retain: number;

  constructor(options: MemoryBrokerOptions = {}) {
    this.partitionCount = options.partitions ?? 8;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 100;
    this.retain = options.retainPerPartition ?? 100_000;
  }

  /** Appends the envelopes (as JSON copies) in order and wakes the groups of their topics. */
  append(envelopes: readonly EventEnvelope[]): void {
    for (const envelope of envelopes) {
      const topic = this.topic(envelope.topic);
      const partition =
        envelope.key === undefined
          ? topic.nextPartition++ % this.partitionCount
          : keyHash(envelope.key) % this.partitionCount;
      topic.partitions[partition]!.push(wireCopy(envelope));
      for (const group of topic.groups.values()) this.wake(topic, group, partition);
    }
  }

  /** Adds a member to a group of a topic; returns the function that takes it out again. */
  join(topicName: string, groupName: string, member: MemoryMember): () => void {
    const topic = this.topic(topicName);
    let group = topic.groups.get(groupName);
    if (!group) {
      group = {
        members: [],
        offsets: topic.partitions.map((p) => p.start),
        draining: topic.partitions.map(() => false),
      };
      topic.groups.set(groupName, group);
    }
    const joined = group;
    joined.members.push(member);
    this.wakeAll(topic, joined);
    return () => {
      const index = joined.members.indexOf(member);
      if (index >= 0) joined.members.splice(index, 1);
      this.wakeAll(topic, joined);
    };
  }

  private topic(name: string): TopicState {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = {
        partitions: Array.from({ length: this.partitionCount }, () => new PartitionLog(this.retain)),
        groups: new Map(),
        nextPartition: 0,
      };
      this.topics.set(name, topic);
    }
    return topic;
  }

  private wakeAll(topic: TopicState, group: GroupState): void {
    for (let p = 0; p < topic.partitions.length; p++) this.wake(topic, group, p);
  }

  private wake(topic: TopicState, group: GroupState, partition: number): void {
    if (group.draining[partition]) return;
    group.draining[partition] = true;
    queueMicrotask(() => void this.drain(topic, group, partition));
  }

  /** Delivers a partition's messages to the group one at a time, in order, until none is left or no member remains. */
  private async drain(topic: TopicState, group: GroupState, partition: number): Promise<void> {
    const log = topic.partitions[partition]!;
    try {
      for (;;) {
        const offset = Math.max(group.offsets[partition]!, log.start);
        const envelope = log.at(offset);
        const member = group.members[partition % Math.max(1, group.members.length)];
        if (!envelope || !member) return;
        if (await deliver(member, envelope)) {
          group.offsets[partition] = offset + 1;
          this.trim(topic, partition);
        } else {
          await new Promise((resolve) => setTimeout(resolve, this.redeliveryDelayMs));
        }
      }
    } finally {
      group.draining[partition] = false;
    }
  }

  private trim(topic: TopicState, partition: number): void {
    let slowest = Infinity;
    for (const group of topic.groups.values()) slowest = Math.min(slowest, group.offsets[partition]!);
    topic.partitions[partition]!.trimTo(slowest);
  }
}

async function deliver(member: MemoryMember, envelope: EventEnvelope): Promise<boolean> {
  const delivery = (async () => member.handler(envelope))();
  member.track(delivery);
  try {
    await delivery;
    return true;
  } catch {
    return false;
  }
}

let shared: MemoryBroker | undefined;

/**
 * The process-wide broker memory transports use when none is given.
 *
 * @example
 * const orders = new MemoryTransport();           // both on defaultMemoryBroker()
 * const notifications = new MemoryTransport();
 */
export function defaultMemoryBroker(): MemoryBroker {
  shared ??= new MemoryBroker();
  return shared;
}
