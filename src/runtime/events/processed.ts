import type { Kysely } from "kysely";
import { PROCESSED_TABLE } from "../db/index.js";
import type { EventLogger } from "./logger.js";

/**
 * Records that a consumer group processed an event, in the caller's transaction; false when it
 * was already recorded (a redelivery). A concurrent delivery of the same event waits on the
 * row until the first transaction ends, then sees it.
 *
 * @example
 * await db.transaction().execute(async (tx) => {
 *   if (!(await markProcessed(tx, "shop.orders", envelope.id))) return;
 *   await tx.updateTable("dailySales")...execute();
 * });
 */
export async function markProcessed(tx: Kysely<any>, group: string, eventId: string): Promise<boolean> {
  const rows = await tx
    .insertInto(PROCESSED_TABLE)
    .values({ consumer_group: group, event_id: eventId })
    .onConflict((oc) => oc.columns(["consumer_group", "event_id"]).doNothing())
    .returning("event_id")
    .execute();
  return rows.length > 0;
}

/**
 * Deletes processed-message marks older than `olderThanMs`; run it now and then so the table
 * stays small. Keep marks longer than a redelivery can take (the topic's retention is safe).
 *
 * @example
 * await pruneProcessed(handle.db, 7 * 86_400_000); // number of marks deleted
 */
export async function pruneProcessed(db: Kysely<any>, olderThanMs: number): Promise<number> {
  const result = await db
    .deleteFrom(PROCESSED_TABLE)
    .where("processed_at", "<", new Date(Date.now() - olderThanMs))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How long processed-message marks are kept when nothing says otherwise. */
export const DEFAULT_PROCESSED_RETENTION_MS = 7 * 86_400_000;
const PRUNE_INTERVAL_MS = 3_600_000;

export interface PruningOptions {
  /** Marks older than this are deleted; keep it above the longest redelivery (the topics' retention). */
  readonly retentionMs: number;
  /** Default one hour; the first run comes after one interval. */
  readonly intervalMs?: number;
  readonly logger: EventLogger;
  /** Called after each run with the number of marks deleted. */
  readonly onPruned?: (deleted: number) => void;
}

/**
 * Prunes the processed-message table on a timer until the returned stop is called; a failed run is
 * logged and retried at the next interval, never thrown.
 *
 * @example
 * const stop = schedulePruning(handle.db, { retentionMs: 7 * 86_400_000, logger });
 * await stop();
 */
export function schedulePruning(db: Kysely<any>, options: PruningOptions): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= pruneProcessed(db, options.retentionMs)
      .then((deleted) => {
        options.onPruned?.(deleted);
        if (deleted > 0) options.logger.info({ deleted, retentionMs: options.retentionMs }, "processed marks pruned");
      })
      .catch((error: unknown) => options.logger.warn({ err: error }, "pruning processed marks failed; retrying later"))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.intervalMs ?? PRUNE_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
