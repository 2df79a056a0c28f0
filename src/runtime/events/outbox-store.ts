import { sql, type Kysely } from "kysely";
import type { EventEnvelope } from "../contracts.js";
import { OUTBOX_TABLE } from "../db/index.js";

/** How far the relay is behind: unsent rows and the age of the oldest. */
export interface OutboxLag {
  readonly count: number;
  /** Milliseconds since the oldest unsent row was written; 0 when none is waiting. */
  readonly oldestAgeMs: number;
}

export interface OutboxRow {
  readonly seq: string | number | bigint;
  readonly event_id: string;
  readonly event_type: string;
  readonly topic: string;
  readonly key: string | null;
  readonly payload: unknown;
  readonly headers: Readonly<Record<string, string>> | null;
  readonly correlation_id: string | null;
  readonly occurred_at: Date | string;
}

/**
 * Writes envelopes to the outbox in the caller's transaction; they are sent once it commits.
 *
 * @example
 * await db.transaction().execute((tx) => writeOutbox(tx, [envelope]));
 */
export async function writeOutbox(tx: Kysely<any>, envelopes: readonly EventEnvelope[]): Promise<void> {
  if (envelopes.length === 0) return;
  await tx
    .insertInto(OUTBOX_TABLE)
    .values(
      envelopes.map((e) => ({
        event_id: e.id,
        event_type: e.type,
        topic: e.topic,
        key: e.key ?? null,
        payload: JSON.stringify(e.payload),
        headers: JSON.stringify(e.headers),
        correlation_id: e.correlationId ?? null,
        occurred_at: e.occurredAt,
      })),
    )
    .execute();
}

/** Locks up to `limit` unsent rows, oldest first, skipping rows another relay holds. Call inside a transaction. */
export async function claimOutbox(tx: Kysely<any>, limit: number): Promise<OutboxRow[]> {
  const rows = await tx
    .selectFrom(OUTBOX_TABLE)
    .selectAll()
    .orderBy("seq")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows as OutboxRow[];
}

/** Deletes sent rows; in the claiming transaction. */
export async function deleteOutbox(tx: Kysely<any>, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .deleteFrom(OUTBOX_TABLE)
    .where(
      "seq",
      "in",
      rows.map((r) => String(r.seq)),
    )
    .execute();
}

/**
 * How many rows wait in the outbox and how old the oldest is (database clock).
 *
 * @example
 * const { count, oldestAgeMs } = await readOutboxLag(handle.db);
 */
export async function readOutboxLag(db: Kysely<any>): Promise<OutboxLag> {
  const result = await sql<{ count: number | string; oldest_ms: number | string | null }>`
    select count(*)::integer as count,
           coalesce(extract(epoch from (now() - min(created_at))) * 1000, 0)::float8 as oldest_ms
    from ${sql.table(OUTBOX_TABLE)}`.execute(db);
  const row = result.rows[0];
  return { count: Number(row?.count ?? 0), oldestAgeMs: Math.max(0, Number(row?.oldest_ms ?? 0)) };
}

export function outboxEnvelope(row: OutboxRow): EventEnvelope {
  return {
    id: row.event_id,
    type: row.event_type,
    topic: row.topic,
    ...(row.key === null ? {} : { key: row.key }),
    payload: row.payload,
    ...(row.correlation_id === null ? {} : { correlationId: row.correlation_id }),
    occurredAt: new Date(row.occurred_at).toISOString(),
    headers: row.headers ?? {},
  };
}
