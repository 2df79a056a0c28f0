import type { Kysely } from "kysely";
import { PROCESSED_TABLE } from "../db/index.js";

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
