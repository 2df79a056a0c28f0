import type { EventEnvelope, Tx } from "../contracts.js";

export interface PublishOptions {
  /** Write the event to the outbox in this transaction; it is sent after the commit by the relay. */
  readonly tx?: Tx;
  /** Carried in the envelope and on to events published by its consumers (default: none, or the consumed event's). */
  readonly correlationId?: string;
  /** Extra headers for the envelope. */
  readonly headers?: Readonly<Record<string, string>>;
}

export type Publish = <T>(event: string, payload: T, options?: PublishOptions) => Promise<EventEnvelope<T>>;

/** What a consumer's handler gets besides the payload. */
export interface EventContext<T = unknown> {
  readonly envelope: EventEnvelope<T>;
  /** 1 for the first try, then 2, 3, ... up to `retries + 1`. */
  readonly attempt: number;
  readonly correlationId?: string;
  /**
   * The transaction the processed-message mark is written in (when the bus has a database): do
   * the handler's database work in it, so a redelivered event has its effect once. On PGlite,
   * using the outer database handle inside a handler waits for this transaction: use `tx`.
   */
  readonly tx?: Tx;
  /** Publishes in the handler's transaction (outbox) with the consumed event's correlation id, unless told otherwise. */
  readonly publish: Publish;
}

/** A consumer's handler; throwing means "failed": retried with backoff, then dead-lettered. */
export type EventHandler<T = any> = (payload: T, context: EventContext<T>) => Promise<void> | void;

/** Handlers by the `handler` names of the service's `consumes:` entries. */
export type EventHandlers = Readonly<Record<string, EventHandler>>;

/**
 * An event bus whose `publish` accepts only the events in `E` (event name -> payload type);
 * the generated `Deps` of a service uses it with the events that service declares.
 */
export type TypedEventBus<E> = Omit<import("./bus.js").EventBus, "publish"> & {
  publish<K extends keyof E & string>(
    event: K,
    payload: E[K],
    options?: PublishOptions,
  ): Promise<import("../contracts.js").EventEnvelope<E[K]>>;
};
