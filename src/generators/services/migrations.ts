import type { ComputedService, Store } from "../../model/index.js";
import { migrationFileName, migrationsDir, parseMigrationFileName, SNAPSHOT_FILE } from "../../model/naming.js";
import {
  dataLoss,
  describeChange,
  diffSchemas,
  emptySchema,
  parseSnapshot,
  renderSnapshot,
  sameSchema,
  SnapshotError,
  schemaIntents,
  storeSchema,
  type SchemaChange,
  type SchemaSnapshot,
} from "../../model/migrations/index.js";
import { sqlForChanges } from "../../runtime/db/migration-sql.js";
import type { HistoryEntry, HistoryFolder } from "../fileset.js";

/** One history folder per postgres or document store of the service: its numbered migrations and `schema.json`. */
export function migrationFolders(service: ComputedService): HistoryFolder[] {
  return service.databaseStores.map((store) => ({
    path: migrationsDir(service.id, store.id),
    rewritable: [SNAPSHOT_FILE],
    evolve: (existing) => nextMigrations(existing, store, migrationsDir(service.id, store.id)),
  }));
}

/**
 * The files a store's migration folder gains for the spec: nothing when `schema.json` already
 * holds the spec's schema, else the next expand migration, a contract migration when a change
 * needs one, and the new `schema.json`. Pure: the folder's files in, new files out.
 *
 * @example
 * nextMigrations(new Map(), store, "services/orders/migrations/ordersDb").map((f) => f.name);
 * // ["0001_create_orders_order_lines.sql", "schema.json"]
 */
export function nextMigrations(existing: ReadonlyMap<string, string>, store: Store, dir: string): HistoryEntry[] {
  const next = storeSchema(store);
  if (next === undefined) return [];
  const snapshotText = existing.get(SNAPSHOT_FILE);
  const versions = [...existing.keys()].flatMap((name) => parseMigrationFileName(name)?.version ?? []);
  if (snapshotText === undefined && versions.length > 0)
    throw new SnapshotError(
      `${dir}/${SNAPSHOT_FILE} is missing, so archkit cannot tell what the migrations there leave`,
      {
        hint: "restore it from version control; it is written with every migration",
      },
    );
  const snapshot = snapshotText === undefined ? undefined : parseSnapshot(snapshotText, `${dir}/${SNAPSHOT_FILE}`);
  const old = snapshot?.schema ?? emptySchema(next);
  if (snapshot !== undefined && sameSchema(old, next)) return [];
  let version = Math.max(snapshot?.version ?? 0, ...versions);
  const changes = diffSchemas(old, next, schemaIntents(store));
  const sql = sqlForChanges(changes);
  const files: HistoryEntry[] = [];
  const title = migrationTitle(changes, snapshot === undefined);
  for (const phase of ["expand", "contract"] as const) {
    if (sql[phase].length === 0) continue;
    version += 1;
    const name = migrationFileName(version, title, phase);
    files.push({ name, content: migrationText(version, phase, store.id, changes, sql[phase]) });
  }
  const lossy = changes.flatMap((c) => dataLoss(c) ?? []);
  const last = files.at(-1)?.name;
  const snapshotData: SchemaSnapshot = {
    archkit: 1,
    version,
    schema: next,
    ...(lossy.length > 0 && last !== undefined ? { dataLoss: lossy.map((loss) => ({ migration: last, loss })) } : {}),
  };
  return [...files, { name: SNAPSHOT_FILE, content: renderSnapshot(snapshotData) }];
}

function migrationTitle(changes: readonly SchemaChange[], initial: boolean): string {
  if (initial) return "initial";
  const first = changes[0];
  return first === undefined ? "schema" : describeChange(first);
}

/** The text of a migration file: a header saying what it does, then its statements, each ended by `;`. */
export function migrationText(
  version: number,
  phase: "expand" | "contract",
  store: string,
  changes: readonly SchemaChange[],
  statements: readonly string[],
): string {
  const what =
    phase === "expand"
      ? "expand: the version still running keeps working"
      : "contract: applied by `archkit migrate --contract` once no instance of the previous version runs";
  return [
    `-- archkit migration ${String(version).padStart(4, "0")} of store ${store} (${what})`,
    ...changes.map((c) => `--   ${describeChange(c)}`),
    "-- Written by `archkit generate`; edit it only before any database has applied it.",
    "",
    ...statements.map((s) => `${s};\n`),
  ].join("\n");
}
