import { ArchkitError } from "../errors.js";
import type { Column, Store, Table } from "../model.js";

/** A column as the database holds it: what a migration creates and the next one diffs against. */
export type ColumnSchema = Omit<Column, "description" | "renamedFrom" | "backfill">;

export interface TableSchema extends Pick<Table, "name" | "primaryKey" | "unique"> {
  readonly columns: readonly ColumnSchema[];
}

export interface CollectionSchema {
  readonly name: string;
  readonly indexes: readonly string[];
  /** Top-level fields renamed so far (new name to old name), so a rename is migrated once. */
  readonly renamedFields: Readonly<Record<string, string>>;
}

/** The schema of one store: the spec's tables or collections without names for people or intents. */
export type StoreSchema =
  | { readonly kind: "postgres"; readonly store: string; readonly tables: readonly TableSchema[] }
  | { readonly kind: "document"; readonly store: string; readonly collections: readonly CollectionSchema[] };

/** `schema.json` beside a store's migrations: the schema its last migration leaves and that migration's number. */
export interface SchemaSnapshot {
  readonly archkit: 1;
  readonly version: number;
  readonly schema: StoreSchema;
  /** What the latest migrations lose (dropped columns, narrowed types), for `archkit validate`. */
  readonly dataLoss?: readonly { readonly migration: string; readonly loss: string }[];
}

/** A `schema.json` that cannot be read; the message names the file. */
export class SnapshotError extends ArchkitError {
  override readonly name = "SnapshotError";
  override readonly code = "schema-snapshot";
}

/**
 * The schema a store declares, the one function every migration and the runtime's DDL derive from.
 * Undefined for a cache store.
 *
 * @example
 * storeSchema(model.stores[0]); // { kind: "postgres", store: "ordersDb", tables: [...] }
 */
export function storeSchema(store: Store): StoreSchema | undefined {
  switch (store.kind) {
    case "postgres":
      return {
        kind: "postgres",
        store: store.id,
        tables: store.tables.map((t) => ({
          name: t.name,
          columns: t.columns.map(
            (c): ColumnSchema => ({
              name: c.name,
              type: c.type,
              primaryKey: c.primaryKey,
              unique: c.unique,
              index: c.index,
              nullable: c.nullable,
              ...(c.default === undefined ? {} : { default: c.default }),
              ...(c.references === undefined ? {} : { references: { ...c.references } }),
            }),
          ),
          primaryKey: [...t.primaryKey],
          unique: t.unique.map((group) => [...group]),
        })),
      };
    case "document":
      return {
        kind: "document",
        store: store.id,
        collections: store.collections.map((c) => ({
          name: c.name,
          indexes: [...c.indexes],
          renamedFields: { ...c.renamedFields },
        })),
      };
    default:
      return undefined;
  }
}

/** The empty schema a store starts from before its first migration. */
export function emptySchema(like: StoreSchema): StoreSchema {
  return like.kind === "postgres"
    ? { kind: "postgres", store: like.store, tables: [] }
    : { kind: "document", store: like.store, collections: [] };
}

/** `schema.json` text: sorted keys are not needed, the order is the spec's; two-space JSON with a newline. */
export function renderSnapshot(snapshot: SchemaSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Reads `schema.json`; a file that is not one throws a `SnapshotError` naming `path`. */
export function parseSnapshot(text: string, path: string): SchemaSnapshot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      hint: "restore it from version control; it records the schema the last migration left",
    });
  }
  const snapshot = parsed as Partial<SchemaSnapshot>;
  const kind = snapshot.schema?.kind;
  if (snapshot.archkit !== 1 || typeof snapshot.version !== "number" || (kind !== "postgres" && kind !== "document"))
    throw new SnapshotError(`${path} is not an archkit schema snapshot (archkit: 1, version, schema)`, {
      hint: "restore it from version control; it records the schema the last migration left",
    });
  return snapshot as SchemaSnapshot;
}

/** True when two schemas are the same (same JSON). */
export function sameSchema(a: StoreSchema, b: StoreSchema): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
