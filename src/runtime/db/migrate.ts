import { sql, type Kysely } from "kysely";
import type { Migration } from "./migrations.js";
import { MIGRATIONS_DDL, MIGRATIONS_TABLE } from "./runtime-ddl.js";
import { ArchkitError } from "../../model/errors.js";

/** Advisory lock key that serializes migration runs of several replicas on one database ("arch"). */
const MIGRATION_LOCK = 1_634_886_504;

export interface MigrationReport {
  /** Names of the migrations that ran now, in order. */
  readonly applied: readonly string[];
  /** Names of the migrations whose hash was already recorded. */
  readonly skipped: readonly string[];
}

/** A migration statement the database refused; says which migration and statement. */
export class MigrationError extends ArchkitError {
  override readonly name = "MigrationError";
  override readonly code = "migration-failed";
  override readonly exitCode = 2;
}

/**
 * Applies the migrations that have not run yet, all in one transaction: a migration whose hash
 * is recorded in `archkit_migrations` is skipped, the others run statement by statement and are
 * recorded. Concurrent runners on one database wait for each other (advisory lock). On error
 * nothing is applied.
 *
 * @example
 * const report = await runMigrations(handle.db, planMigrations(model, { service: "orders" }));
 * log.info({ applied: report.applied }, "database ready");
 */
export async function runMigrations(db: Kysely<any>, migrations: readonly Migration[]): Promise<MigrationReport> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await sql.raw(MIGRATIONS_DDL).execute(tx);
    const rows = await tx.selectFrom(MIGRATIONS_TABLE).select("hash").execute();
    const done = new Set(rows.map((r: { hash: string }) => r.hash));
    const applied: string[] = [];
    const skipped: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.hash)) {
        skipped.push(migration.name);
        continue;
      }
      await apply(tx, migration);
      await tx.insertInto(MIGRATIONS_TABLE).values({ hash: migration.hash, name: migration.name }).execute();
      done.add(migration.hash);
      applied.push(migration.name);
    }
    return { applied, skipped };
  });
}

async function apply(tx: Kysely<any>, migration: Migration): Promise<void> {
  await runStatements(tx, migration.name, migration.statements);
}

/** Runs a migration's statements in order; the first the database refuses throws a `MigrationError` naming it. */
export async function runStatements(
  tx: Kysely<any>,
  name: string,
  statements: readonly string[],
  hint?: string,
): Promise<void> {
  for (const [index, statement] of statements.entries()) {
    try {
      await sql.raw(statement).execute(tx);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MigrationError(
        `migration ${name} failed at statement ${index + 1} of ${statements.length}: ${reason}\n${statement}`,
        { hint },
      );
    }
  }
}
