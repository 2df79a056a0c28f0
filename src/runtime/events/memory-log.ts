import type { EventEnvelope } from "../contracts.js";

/** Offsets below the slowest group are dropped in chunks of this many. */
const TRIM_CHUNK = 1_024;

/** One partition of an in-memory topic: an append-only list addressed by offset. */
export class PartitionLog {
  private base = 0;
  private messages: EventEnvelope[] = [];

  constructor(private readonly retain: number) {}

  /** Offset of the oldest message still kept. */
  get start(): number {
    return this.base;
  }

  /** Offset the next message will get. */
  get end(): number {
    return this.base + this.messages.length;
  }

  at(offset: number): EventEnvelope | undefined {
    return this.messages[offset - this.base];
  }

  /** Appends; beyond the retention limit the oldest messages are dropped. */
  push(envelope: EventEnvelope): void {
    this.messages.push(envelope);
    const excess = this.messages.length - this.retain;
    if (excess > 0) this.drop(excess);
  }

  /** Forgets messages below `offset` (every group has consumed them), in chunks. */
  trimTo(offset: number): void {
    const count = offset - this.base;
    if (count >= TRIM_CHUNK) this.drop(count);
  }

  private drop(count: number): void {
    this.messages.splice(0, count);
    this.base += count;
  }
}

/** Stable 32-bit FNV-1a hash: the same key always lands in the same partition. */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A JSON copy of the envelope, frozen: consumers see what a wire transport would deliver and cannot affect each other. */
export function wireCopy(envelope: EventEnvelope): EventEnvelope {
  return deepFreeze(JSON.parse(JSON.stringify(envelope)) as EventEnvelope);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
