/**
 * The tables the runtime itself needs next to a service's own: the transactional outbox and
 * the processed-message log that makes consumers idempotent. `archkit_migrations` is created
 * by the migration runner.
 */

export const OUTBOX_TABLE = "archkit_outbox";
export const PROCESSED_TABLE = "archkit_processed_messages";
export const MIGRATIONS_TABLE = "archkit_migrations";

/** Rows wait here from the publishing transaction's commit until the relay has sent them (then they are deleted). */
export const OUTBOX_DDL: readonly string[] = [
  [
    `create table if not exists ${OUTBOX_TABLE} (`,
    "  seq bigint generated always as identity primary key,",
    "  event_id text not null,",
    "  event_type text not null,",
    "  topic text not null,",
    "  key text,",
    "  payload jsonb not null,",
    "  headers jsonb not null default '{}'::jsonb,",
    "  correlation_id text,",
    "  occurred_at timestamptz not null,",
    "  created_at timestamptz not null default now()",
    ")",
  ].join("\n"),
];

/** One row per (consumer group, event id) whose handler committed; written in the handler's transaction. */
export const PROCESSED_DDL: readonly string[] = [
  [
    `create table if not exists ${PROCESSED_TABLE} (`,
    "  consumer_group text not null,",
    "  event_id text not null,",
    "  processed_at timestamptz not null default now(),",
    "  primary key (consumer_group, event_id)",
    ")",
  ].join("\n"),
];

export const MIGRATIONS_DDL = [
  `create table if not exists ${MIGRATIONS_TABLE} (`,
  "  hash text primary key,",
  "  name text not null,",
  "  applied_at timestamptz not null default now()",
  ")",
].join("\n");
