import type { Kysely, Transaction } from "kysely";

/**
 * The interfaces the parts of the runtime meet at: the event bus and its transports, the
 * database handle and the cache. Each has more than one implementation (memory and kafka,
 * PGlite and PostgreSQL, memory and Redis) and each implementation passes one shared
 * contract suite under test/runtime/.
 */

/** One event as it travels: the payload plus what every transport carries in headers. */
export interface EventEnvelope<T = unknown> {
  /** Unique per event (uuid); the idempotency key for consumers. */
  readonly id: string;
  /** The event name from the spec, e.g. `OrderCreated`. */
  readonly type: string;
  readonly topic: string;
  /** Partition key (the value of the event's `key` property), when the spec declares one. */
  readonly key?: string;
  readonly payload: T;
  readonly correlationId?: string;
  /** ISO 8601 time the event was published. */
  readonly occurredAt: string;
  /** Extra headers; a dead-lettered event carries `x-error`, `x-attempts` and `x-original-topic`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Called for each delivered event. Throwing means "not processed": the transport delivers it again. */
export type TransportHandler = (envelope: EventEnvelope) => Promise<void>;

export interface TransportSubscription {
  readonly topic: string;
  /** Consumers in one group share the work of a topic; each group gets every event. */
  readonly group: string;
  readonly handler: TransportHandler;
}

/** Moves envelopes between processes (or within one). Ordering is kept per key within a topic. */
export interface EventTransport {
  readonly kind: "memory" | "kafka" | "socket" | "rabbitmq";
  start(): Promise<void>;
  send(envelopes: readonly EventEnvelope[]): Promise<void>;
  subscribe(subscription: TransportSubscription): Promise<void>;
  /** True when the transport can send and receive (broker reachable). */
  ready(): Promise<boolean>;
  /** Stop consumers after their current message, flush pending sends, disconnect. */
  stop(): Promise<void>;
}

export type Dialect = "postgres" | "pglite";

/** An open database: Kysely over a pg pool or PGlite. */
export interface DatabaseHandle {
  readonly dialect: Dialect;
  readonly db: Kysely<any>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type Tx = Transaction<any>;

/** Same interface for Redis and the in-memory TTL cache. Values are JSON. */
export interface Cache {
  readonly kind: "redis" | "memory";
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** `ttlMs` defaults to the store's `ttl` from the spec. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
