import type { Kysely, Transaction } from "kysely";
import type { Logger } from "pino";
import type { ComputedModel } from "../../model/computed/index.js";
import type { Cache, DatabaseHandle, EventEnvelope, Tx } from "../contracts.js";
import { UndeclaredEventError } from "../events/bus-errors.js";
import type { EventBus, EventContext, EventHandler, PublishOptions } from "../events/index.js";

/** Options of a handler's `publish`: the transaction comes from `deps.tx`, not from here. */
export type HandlerPublishOptions = Omit<PublishOptions, "tx">;

/**
 * Publishes only the events in `E` (event name to payload type): the generated deps of each
 * handler use it with the events that handler lists under `publishes:`.
 */
export type TypedPublish<E> = <K extends keyof E & string>(
  event: K,
  payload: E[K],
  options?: HandlerPublishOptions,
) => Promise<EventEnvelope<E[K]>>;

/** What the work of `deps.tx` gets: the transaction and a `publish` that writes to the outbox in it. */
export interface TxDeps<E, DB> {
  readonly db: Transaction<DB>;
  /** Writes the event to the outbox in this transaction: relayed after the commit, dropped with a rollback. */
  readonly publish: TypedPublish<E>;
}

/** Runs `work` in one database transaction: committed when it resolves, rolled back when it throws. */
export type RunInTx<E, DB> = <T>(work: (tx: TxDeps<E, DB>) => Promise<T>) => Promise<T>;

/** The database members of a handler's deps, for a service with a database store. */
export interface DatabaseDeps<DB, E> {
  /** The service's database; in a consumer, the transaction the consumer runs in. */
  readonly db: Kysely<DB>;
  readonly tx: RunInTx<E, DB>;
}

/**
 * What a consumer's handler gets besides the payload: the delivery, and the same kind of deps as
 * an endpoint handler (`D`, the generated deps of that consumer).
 */
export interface ConsumerContext<T, D> extends Omit<EventContext<T>, "publish" | "tx"> {
  readonly deps: D;
}

/** What the runtime builds every handler's deps from. */
export interface DepsSource {
  readonly computed: ComputedModel;
  readonly service: string;
  readonly clients: unknown;
  readonly logger: Logger;
  readonly db?: DatabaseHandle;
  readonly cache?: Cache;
}

type AnyPublish = (event: string, payload: unknown, options?: PublishOptions) => Promise<EventEnvelope>;

/** A handler's `publish`: refuses the events its `publishes:` list does not name, then hands over to `send`. */
type Guard = (send: AnyPublish) => AnyPublish;

function publishGuard(source: DepsSource, handler: string): Guard {
  const allowed = source.computed.publishesOf(source.service, handler);
  return (send) => async (event, payload, options) => {
    if (!allowed.includes(event as never))
      throw UndeclaredEventError.notPublishedBy(event, source.service, handler, source.computed.model.file, allowed);
    return send(event, payload, options);
  };
}

function common(source: DepsSource) {
  return {
    clients: source.clients,
    logger: source.logger,
    ...(source.cache ? { cache: source.cache } : {}),
  };
}

/**
 * The deps of one endpoint handler: the database, a `publish` of only the events the endpoint
 * declares (sent at once), `tx` (a transaction whose `publish` goes through the outbox), the
 * clients, the cache and the logger.
 *
 * @example
 * const deps = endpointDeps({ computed, service: "orders", clients, logger, db }, bus, "placeOrder");
 * await deps.tx(async (tx) => { await tx.db.insertInto("orders").values(row).execute(); await tx.publish("OrderCreated", payload); });
 */
export function endpointDeps(source: DepsSource, bus: EventBus, handler: string): Readonly<Record<string, unknown>> {
  const guarded = publishGuard(source, handler);
  const direct = guarded((event, payload, options = {}) => bus.publish(event, payload, withoutTx(options)));
  const handle = source.db;
  if (!handle) return { ...common(source), publish: direct };
  const inTx = (trx: Tx) =>
    guarded((event, payload, options = {}) => bus.publish(event, payload, { ...withoutTx(options), tx: trx }));
  return {
    ...common(source),
    db: handle.db,
    publish: direct,
    tx: <T>(work: (tx: { db: Tx; publish: AnyPublish }) => Promise<T>) =>
      handle.db.transaction().execute((trx) => work({ db: trx, publish: inTx(trx) })),
  };
}

/**
 * A consumer's handler as the bus calls it, with `context.deps` added: with a database, `db` is
 * the transaction the delivery runs in (with the processed-message mark), `publish` writes to
 * the outbox in it, and `tx` runs its work in that same transaction.
 *
 * @example
 * const handler = withConsumerDeps(source, "recordRevenue", handlers.recordRevenue);
 */
export function withConsumerDeps(source: DepsSource, handler: string, consume: EventHandler): EventHandler {
  const guarded = publishGuard(source, handler);
  return (payload, context: EventContext) => {
    const publish = guarded((event, payload, options = {}) => context.publish(event, payload, withoutTx(options)));
    const trx = context.tx;
    const db = trx
      ? { db: trx, tx: <T>(work: (tx: { db: Tx; publish: AnyPublish }) => Promise<T>) => work({ db: trx, publish }) }
      : {};
    const full: EventContext & { readonly deps: object } = { ...context, deps: { ...common(source), ...db, publish } };
    return consume(payload, full);
  };
}

function withoutTx(options: PublishOptions): HandlerPublishOptions {
  const { tx: _tx, ...rest } = options;
  return rest;
}
