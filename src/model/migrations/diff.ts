import { ArchkitError } from "../errors.js";
import type { Store } from "../model.js";
import type { SchemaChange } from "./changes.js";
import type { CollectionSchema, ColumnSchema, StoreSchema, TableSchema } from "./snapshot.js";

/** What the spec declares about history: renames (`renamedFrom`) and backfills, keyed by the new names. */
export interface SchemaIntents {
  /** New table or collection name to its old name. */
  readonly renamed: Readonly<Record<string, string>>;
  /** `table.column` (new names) to the column's old name. */
  readonly renamedColumns: Readonly<Record<string, string>>;
  /** `table.column` to the SQL expression that fills existing rows. */
  readonly backfill: Readonly<Record<string, string>>;
}

export const NO_INTENTS: SchemaIntents = { renamed: {}, renamedColumns: {}, backfill: {} };

/** A change the spec asks for that no migration can make safely; the message says what to declare. */
export class SchemaDiffError extends ArchkitError {
  override readonly name = "SchemaDiffError";
  override readonly code = "schema-diff";
}

/** The renames and backfills a store declares. */
export function schemaIntents(store: Store): SchemaIntents {
  const renamed: Record<string, string> = {};
  const renamedColumns: Record<string, string> = {};
  const backfill: Record<string, string> = {};
  if (store.kind === "postgres") {
    for (const table of store.tables) {
      if (table.renamedFrom) renamed[table.name] = table.renamedFrom;
      for (const column of table.columns) {
        if (column.renamedFrom) renamedColumns[`${table.name}.${column.name}`] = column.renamedFrom;
        if (column.backfill) backfill[`${table.name}.${column.name}`] = column.backfill;
      }
    }
  }
  if (store.kind === "document")
    for (const collection of store.collections)
      if (collection.renamedFrom) renamed[collection.name] = collection.renamedFrom;
  return { renamed, renamedColumns, backfill };
}

/** Type changes every old value survives, and so does the version still running. */
const WIDENINGS: Readonly<Record<string, readonly string[]>> = {
  smallint: ["integer", "bigint", "numeric", "real", "double"],
  integer: ["bigint", "numeric", "double"],
  bigint: ["numeric"],
  real: ["double"],
  varchar: ["text"],
  text: ["varchar"],
  json: ["jsonb"],
  date: ["timestamp", "timestamptz"],
  timestamp: ["timestamptz"],
};

/** `serial` and `bigserial` are integers with a sequence default. */
export function baseType(type: string): string {
  return type === "serial" ? "integer" : type === "bigserial" ? "bigint" : type;
}

export function isWidening(from: string, to: string): boolean {
  return to === "text" || (WIDENINGS[baseType(from)] ?? []).includes(baseType(to));
}

/**
 * The ordered changes that take a store from `old` to `next`. Renames come only from `intents`
 * (never guessed from similar names). Pure and deterministic.
 *
 * @example
 * diffSchemas(snapshot.schema, storeSchema(store)!, schemaIntents(store));
 * // [{ kind: "add-column", table: "orders", column: { name: "note", ... } }]
 */
export function diffSchemas(old: StoreSchema, next: StoreSchema, intents: SchemaIntents = NO_INTENTS): SchemaChange[] {
  if (old.kind === "postgres" && next.kind === "postgres") return diffTables(old.tables, next.tables, intents);
  if (old.kind === "document" && next.kind === "document")
    return diffCollections(old.collections, next.collections, intents);
  throw new SchemaDiffError(`store ${next.store} changed kind from ${old.kind} to ${next.kind}`, {
    hint: "declare a new store under a new name and move the data yourself",
  });
}

interface Pair<T> {
  readonly old: T;
  readonly next: T;
}

function pairUp<T extends { readonly name: string }>(
  old: readonly T[],
  next: readonly T[],
  renamed: (name: string) => string | undefined,
): { pairs: Pair<T>[]; added: T[]; dropped: T[] } {
  const oldByName = new Map(old.map((o) => [o.name, o]));
  const used = new Set<string>();
  const pairs: Pair<T>[] = [];
  const added: T[] = [];
  for (const n of next) {
    const from = oldByName.has(n.name) ? n.name : renamed(n.name);
    const match = from === undefined || used.has(from) ? undefined : oldByName.get(from);
    if (match) {
      used.add(match.name);
      pairs.push({ old: match, next: n });
    } else added.push(n);
  }
  return { pairs, added, dropped: old.filter((o) => !used.has(o.name)) };
}

function diffTables(old: readonly TableSchema[], next: readonly TableSchema[], intents: SchemaIntents): SchemaChange[] {
  const { pairs, added, dropped } = pairUp(old, next, (name) => intents.renamed[name]);
  const constraints = pairs.map((p) => constraintChanges(p.old, p.next));
  return [
    ...pairs.flatMap((p): SchemaChange[] =>
      p.old.name === p.next.name ? [] : [{ kind: "rename-table", from: p.old.name, to: p.next.name, old: p.old }],
    ),
    ...constraints.flatMap((c) => c.drops),
    ...(added.length > 0 ? [{ kind: "create-tables" as const, tables: added }] : []),
    ...pairs.flatMap((p) => columnChanges(p.old, p.next, intents)),
    ...constraints.flatMap((c) => c.adds),
    ...pairs.flatMap((p) => droppedColumns(p.old, p.next, intents)),
    ...[...dropped].reverse().map((table): SchemaChange => ({ kind: "drop-table", table })),
  ];
}

function columnPairs(old: TableSchema, next: TableSchema, intents: SchemaIntents) {
  return pairUp(old.columns, next.columns, (name) => intents.renamedColumns[`${next.name}.${name}`]);
}

function columnChanges(old: TableSchema, next: TableSchema, intents: SchemaIntents): SchemaChange[] {
  const { pairs, added } = columnPairs(old, next, intents);
  const table = next.name;
  const changes: SchemaChange[] = [];
  for (const { old: before, next: after } of pairs) {
    if (before.name !== after.name) {
      if (old.primaryKey.includes(before.name))
        throw new SchemaDiffError(`column ${table}.${before.name} is part of the primary key and cannot be renamed`, {
          hint: `keep the name ${before.name}, or add ${after.name} as a new column and drop ${before.name} in a later release`,
        });
      changes.push({ kind: "rename-column", table, from: before, to: after });
      continue;
    }
    changes.push(...changedColumn(table, before, after, intents.backfill[`${table}.${after.name}`]));
  }
  for (const column of added) {
    const backfill = intents.backfill[`${table}.${column.name}`];
    if (!column.nullable && column.default === undefined && backfill === undefined && !column.type.endsWith("serial"))
      throw new SchemaDiffError(
        `column ${table}.${column.name} is new and required, so the rows already in ${table} need a value for it`,
        { hint: `give it a default, a backfill expression (backfill: ...), or nullable: true` },
      );
    changes.push({ kind: "add-column", table, column, ...(backfill === undefined ? {} : { backfill }) });
  }
  if (old.primaryKey.join() !== next.primaryKey.join())
    changes.push({ kind: "set-primary-key", table, from: old.primaryKey, to: next.primaryKey });
  return changes;
}

function changedColumn(
  table: string,
  before: ColumnSchema,
  after: ColumnSchema,
  backfill: string | undefined,
): SchemaChange[] {
  const column = after.name;
  const changes: SchemaChange[] = [];
  if (before.nullable && !after.nullable) {
    changes.push({ kind: "set-required", table, column: after, ...(backfill === undefined ? {} : { backfill }) });
  }
  if (!before.nullable && after.nullable) changes.push({ kind: "drop-required", table, column });
  if (before.default !== after.default)
    changes.push({
      kind: "set-default",
      table,
      column,
      ...(after.default === undefined ? {} : { default: after.default }),
    });
  if (baseType(before.type) !== baseType(after.type))
    changes.push({
      kind: "retype-column",
      table,
      column,
      from: before.type,
      to: after.type,
      widening: isWidening(before.type, after.type),
    });
  return changes.sort((a, b) => CHANGE_ORDER.indexOf(a.kind) - CHANGE_ORDER.indexOf(b.kind));
}

/** Within a column: defaults before types before tightening, so a backfill sees the final type. */
const CHANGE_ORDER: readonly SchemaChange["kind"][] = ["drop-required", "set-default", "retype-column", "set-required"];

function droppedColumns(old: TableSchema, next: TableSchema, intents: SchemaIntents): SchemaChange[] {
  return columnPairs(old, next, intents).dropped.map((column) => ({ kind: "drop-column", table: next.name, column }));
}

/** Indexes, unique constraints and foreign keys compared by name: what to drop first and add last. */
function constraintChanges(old: TableSchema, next: TableSchema): { drops: SchemaChange[]; adds: SchemaChange[] } {
  const table = next.name;
  const drops: SchemaChange[] = [];
  const adds: SchemaChange[] = [];
  const [oldFks, nextFks] = [foreignKeys(old), foreignKeys(next)];
  for (const [column, ref] of oldFks)
    if (nextFks.get(column) !== ref) drops.push(fkChange("drop-foreign-key", table, column, ref));
  const [oldUnique, nextUnique] = [uniqueGroups(old), uniqueGroups(next)];
  for (const group of oldUnique)
    if (!nextUnique.has(group)) drops.push({ kind: "drop-unique", table, columns: group.split(",") });
  const [oldIndexed, nextIndexed] = [indexedColumns(old), indexedColumns(next)];
  for (const column of oldIndexed) if (!nextIndexed.has(column)) drops.push({ kind: "drop-index", table, column });
  for (const column of nextIndexed) if (!oldIndexed.has(column)) adds.push({ kind: "add-index", table, column });
  for (const group of nextUnique)
    if (!oldUnique.has(group)) adds.push({ kind: "add-unique", table, columns: group.split(",") });
  for (const [column, ref] of nextFks)
    if (oldFks.get(column) !== ref) adds.push(fkChange("add-foreign-key", table, column, ref));
  return { drops, adds };
}

function fkChange(kind: "add-foreign-key" | "drop-foreign-key", table: string, column: string, ref: string) {
  const [refTable = "", refColumn = ""] = ref.split(".");
  return { kind, table, column, references: { table: refTable, column: refColumn } } satisfies SchemaChange;
}

function foreignKeys(table: TableSchema): Map<string, string> {
  return new Map(
    table.columns.flatMap((c) => (c.references ? [[c.name, `${c.references.table}.${c.references.column}`]] : [])),
  );
}

/** The unique constraints the DDL declares: unique columns (other than a sole primary key) and composite groups. */
export function uniqueGroups(table: TableSchema): Set<string> {
  return new Set([
    ...table.columns.filter((c) => c.unique && !isSolePrimaryKey(table, c)).map((c) => c.name),
    ...table.unique.map((group) => group.join(",")),
  ]);
}

/** The columns that get a plain index: indexed, neither the sole primary key nor unique. */
export function indexedColumns(table: TableSchema): Set<string> {
  return new Set(table.columns.filter((c) => c.index && !isSolePrimaryKey(table, c) && !c.unique).map((c) => c.name));
}

export function isSolePrimaryKey(table: TableSchema, column: ColumnSchema): boolean {
  return table.primaryKey.length === 1 && table.primaryKey[0] === column.name;
}

function diffCollections(
  old: readonly CollectionSchema[],
  next: readonly CollectionSchema[],
  intents: SchemaIntents,
): SchemaChange[] {
  const { pairs, added, dropped } = pairUp(old, next, (name) => intents.renamed[name]);
  return [
    ...pairs.flatMap((p): SchemaChange[] =>
      p.old.name === p.next.name ? [] : [{ kind: "rename-collection", from: p.old.name, to: p.next.name, old: p.old }],
    ),
    ...(added.length > 0 ? [{ kind: "create-collections" as const, collections: added }] : []),
    ...pairs.flatMap((p) => collectionChanges(p.old, p.next)),
    ...dropped.map((c): SchemaChange => ({ kind: "drop-collection", name: c.name })),
  ];
}

function collectionChanges(old: CollectionSchema, next: CollectionSchema): SchemaChange[] {
  const collection = next.name;
  return [
    ...Object.entries(next.renamedFields)
      .filter(([to, from]) => old.renamedFields[to] !== from)
      .map(([to, from]): SchemaChange => ({ kind: "rename-field", collection, from, to })),
    ...old.indexes
      .filter((f) => !next.indexes.includes(f))
      .map((field): SchemaChange => ({ kind: "drop-field-index", collection, field })),
    ...next.indexes
      .filter((f) => !old.indexes.includes(f))
      .map((field): SchemaChange => ({ kind: "add-field-index", collection, field })),
  ];
}
