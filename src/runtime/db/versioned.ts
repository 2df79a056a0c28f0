import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql, type Kysely } from "kysely";
import { ArchkitError } from "../../model/errors.js";
import { parseMigrationFileName } from "../../model/naming.js";
import { runStatements } from "./migrate.js";
import { MIGRATIONS_TABLE } from "./runtime-ddl.js";
import { sha256 } from "./sql-text.js";
import { splitStatements } from "./sql-split.js";

/** One row per applied migration of a store. */
export const SCHEMA_MIGRATIONS_TABLE = "archkit_schema_migrations";

const SCHEMA_MIGRATIONS_DDL = [
  `create table if not exists ${SCHEMA_MIGRATIONS_TABLE} (`,
  "  store text not null,",
  "  version integer not null,",
  "  name text not null,",
  "  phase text not null,",
  "  checksum text not null,",
  "  applied_at timestamptz not null default now(),",
  "  primary key (store, version)",
  ")",
].join("\n");

/** A migration file of a store's folder. */
export interface MigrationFile {
  readonly store: string;
  readonly version: number;
  readonly name: string;
  readonly phase: "expand" | "contract";
  /** sha256 of the file's text, recorded when it is applied. */
  readonly checksum: string;
  readonly statements: readonly string[];
  /** The file's path, for messages. */
  readonly file: string;
}

export interface StoreMigrationReport {
  readonly store: string;
  readonly applied: readonly string[];
  /** Contract migrations left for `archkit migrate --contract`. */
  readonly waiting: readonly string[];
}

/** Migrations that cannot run as they are: changed after being applied, missing, or queued behind a contract. */
export class MigrationStateError extends ArchkitError {
  override readonly name = "MigrationStateError";
  override readonly code = "migration-state";
}

/**
 * The migration files of one store folder (`migrations/<store>/NNNN_*.sql`), in version order.
 *
 * @example
 * const files = await readMigrationFolder(new URL("../../migrations/", import.meta.url), "ordersDb");
 */
export async function readMigrationFolder(root: string | URL, store: string): Promise<MigrationFile[]> {
  const dir = join(typeof root === "string" ? root : fileURLToPath(root), store);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new MigrationStateError(`no migrations for store ${store} in ${dir}`, {
      hint: "run `archkit generate`: it writes the store's migrations there",
    });
  }
  const files = await Promise.all(
    names.flatMap((name) => {
      const parsed = parseMigrationFileName(name);
      if (parsed === undefined) return [];
      return [
        readFile(join(dir, name), "utf8").then(
          (text): MigrationFile => ({
            store,
            name,
            ...parsed,
            checksum: sha256(text),
            statements: splitStatements(text),
            file: join(dir, name),
          }),
        ),
      ];
    }),
  );
  return files.sort((a, b) => a.version - b.version);
}

/** The advisory-lock key of a store: two stores migrate in parallel, two replicas of one store one after the other. */
function lockKey(store: string): number {
  return Number.parseInt(sha256(`archkit-migrations:${store}`).slice(0, 8), 16) | 0;
}

/**
 * Applies a store's pending migrations in order, each in its own transaction under the store's
 * advisory lock, so concurrent replicas apply each migration once. Contract migrations run only
 * with `contract: true`, or on a fresh database (no migration of the store applied, so no release
 * runs on it yet); an expand migration behind a waiting contract migration is refused. A
 * failing migration is rolled back and throws a `MigrationError` naming the file and the statement.
 *
 * @example
 * const report = await applyStoreMigrations(handle.db, "ordersDb", await readMigrationFolder(dir, "ordersDb"));
 */
export async function applyStoreMigrations(
  db: Kysely<any>,
  store: string,
  files: readonly MigrationFile[],
  options: { readonly contract?: boolean } = {},
): Promise<StoreMigrationReport> {
  const [recorded, fresh] = await locked(db, store, async (tx) => {
    const rows = await appliedRows(tx, store);
    return [rows, rows.size === 0 && !(await createdBefore(tx, store))] as const;
  });
  checkApplied(files, recorded);
  const pending = files.filter((f) => !recorded.has(f.version));
  const firstWaiting = options.contract || fresh ? -1 : pending.findIndex((f) => f.phase === "contract");
  const runnable = firstWaiting < 0 ? pending : pending.slice(0, firstWaiting);
  const waiting = firstWaiting < 0 ? [] : pending.slice(firstWaiting);
  const blocked = waiting.find((f) => f.phase === "expand");
  if (blocked)
    throw new MigrationStateError(
      `migration ${blocked.file} waits for contract migration ${waiting[0]!.name} of store ${store}`,
      { hint: "run `archkit migrate --contract` once no instance of the previous release runs, then start again" },
    );
  const applied: string[] = [];
  for (const file of runnable) if (await applyOne(db, file)) applied.push(file.name);
  return { store, applied, waiting: waiting.map((f) => f.name) };
}

function locked<T>(db: Kysely<any>, store: string, body: (tx: Kysely<any>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${lockKey(store)})`.execute(tx);
    await sql.raw(SCHEMA_MIGRATIONS_DDL).execute(tx);
    return body(tx);
  });
}

async function appliedRows(tx: Kysely<any>, store: string): Promise<Map<number, { name: string; checksum: string }>> {
  const rows = await tx
    .selectFrom(SCHEMA_MIGRATIONS_TABLE)
    .select(["version", "name", "checksum"])
    .where("store", "=", store)
    .execute();
  return new Map(rows.map((r: { version: number; name: string; checksum: string }) => [Number(r.version), r]));
}

function checkApplied(
  files: readonly MigrationFile[],
  recorded: ReadonlyMap<number, { name: string; checksum: string }>,
): void {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const [version, row] of recorded) {
    const file = byVersion.get(version);
    if (file === undefined)
      throw new MigrationStateError(`migration ${row.name} was applied to this database but its file is missing`, {
        hint: "restore it from version control; applied migrations stay in the migrations folder",
      });
    if (file.checksum !== row.checksum)
      throw new MigrationStateError(`migration ${file.file} was changed after it was applied to this database`, {
        hint: "restore the applied text from version control and put the change in a new migration",
      });
  }
}

/** Whether the model's DDL created the store before versioned migrations existed (a `store:<id>` row). */
async function createdBefore(tx: Kysely<any>, store: string): Promise<boolean> {
  const legacy = await sql<{ found: boolean }>`select to_regclass(${MIGRATIONS_TABLE}) is not null as found`.execute(
    tx,
  );
  if (!legacy.rows[0]?.found) return false;
  const rows = await tx.selectFrom(MIGRATIONS_TABLE).select("name").where("name", "=", `store:${store}`).execute();
  return rows.length > 0;
}

/** One migration in one transaction; false when another runner applied it while this one waited for the lock. */
async function applyOne(db: Kysely<any>, file: MigrationFile): Promise<boolean> {
  return locked(db, file.store, async (tx) => {
    if ((await appliedRows(tx, file.store)).has(file.version)) return false;
    await runStatements(
      tx,
      file.file,
      file.statements,
      "nothing of this migration was applied; fix the statement (the file is not applied yet) and start again",
    );
    await tx
      .insertInto(SCHEMA_MIGRATIONS_TABLE)
      .values({ store: file.store, version: file.version, name: file.name, phase: file.phase, checksum: file.checksum })
      .execute();
    return true;
  });
}

/**
 * Applies the migrations of several stores from a service's migrations folder (`migrations/<store>/`), store by store.
 *
 * @example
 * await migrateStores(handle.db, new URL("../../migrations/", import.meta.url), ["ordersDb"]);
 */
export async function migrateStores(
  db: Kysely<any>,
  folder: string | URL,
  stores: readonly string[],
  options: { readonly contract?: boolean } = {},
): Promise<StoreMigrationReport[]> {
  const reports: StoreMigrationReport[] = [];
  for (const store of stores)
    reports.push(await applyStoreMigrations(db, store, await readMigrationFolder(folder, store), options));
  return reports;
}
