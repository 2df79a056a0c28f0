import { indexedColumns, isSolePrimaryKey } from "../../model/migrations/index.js";
import type { ColumnSchema as Column, TableSchema as Table } from "../../model/migrations/index.js";
import { constraintName, defaultSql, quoteIdent, quoteLiteral, sqlType } from "./sql-text.js";

/**
 * DDL for the tables of one postgres store: `create table if not exists` with inline
 * constraints (primary key, unique, composite unique, foreign keys) followed by
 * `create index if not exists` for indexed columns. Tables come out ordered so that a table
 * is created after the tables it references; a foreign key inside a reference cycle is added
 * afterwards by a guarded `alter table`.
 */
export function tablesDdl(tables: readonly Table[]): string[] {
  const { order, deferred } = orderByReferences(tables);
  return [
    ...order.map((table) => createTable(table, deferred)),
    ...order.flatMap((table) =>
      table.columns
        .filter((c) => c.references && deferred.has(fkKey(table, c)))
        .map((c) => deferredForeignKey(table, c)),
    ),
    ...order.flatMap(indexes),
  ];
}

function createTable(table: Table, deferred: ReadonlySet<string>): string {
  const lines = [
    ...table.columns.map(columnDdl),
    ...(table.primaryKey.length > 0
      ? [`constraint ${quoteIdent(primaryKeyName(table.name))} primary key (${columnList(table.primaryKey)})`]
      : []),
    ...table.columns.filter((c) => c.unique && !isSolePrimaryKey(table, c)).map((c) => uniqueDdl(table, [c.name])),
    ...table.unique.map((group) => uniqueDdl(table, group)),
    ...table.columns.filter((c) => c.references && !deferred.has(fkKey(table, c))).map((c) => foreignKeyDdl(table, c)),
  ];
  return `create table if not exists ${quoteIdent(table.name)} (\n  ${lines.join(",\n  ")}\n)`;
}

export function columnDdl(column: Column): string {
  const parts = [quoteIdent(column.name), sqlType(column.type)];
  if (!column.nullable) parts.push("not null");
  if (column.default !== undefined) parts.push(`default ${defaultSql(column.default)}`);
  return parts.join(" ");
}

export function uniqueDdl(table: Table, columns: readonly string[]): string {
  return `constraint ${quoteIdent(uniqueName(table.name, columns))} unique (${columnList(columns)})`;
}

export function foreignKeyDdl(table: Table, column: Column): string {
  const ref = column.references!;
  return `constraint ${quoteIdent(foreignKeyName(table.name, column.name))} foreign key (${quoteIdent(column.name)}) references ${quoteIdent(ref.table)} (${quoteIdent(ref.column)})`;
}

function deferredForeignKey(table: Table, column: Column): string {
  const name = foreignKeyName(table.name, column.name);
  return [
    "do $$ begin",
    `  if not exists (select 1 from pg_constraint where conname = ${quoteLiteral(name)} and conrelid = ${quoteLiteral(quoteIdent(table.name))}::regclass) then`,
    `    alter table ${quoteIdent(table.name)} add ${foreignKeyDdl(table, column)};`,
    "  end if;",
    "end $$",
  ].join("\n");
}

function indexes(table: Table): string[] {
  return [...indexedColumns(table)].map((column) => indexDdl(table.name, column));
}

export function indexDdl(table: string, column: string): string {
  return `create index if not exists ${quoteIdent(indexName(table, column))} on ${quoteIdent(table)} (${quoteIdent(column)})`;
}

export const primaryKeyName = (table: string): string => constraintName(table, [], "pkey");
export const uniqueName = (table: string, columns: readonly string[]): string => constraintName(table, columns, "key");
export const foreignKeyName = (table: string, column: string): string => constraintName(table, [column], "fkey");
export const indexName = (table: string, column: string): string => constraintName(table, [column], "idx");

export function columnList(columns: readonly string[]): string {
  return columns.map(quoteIdent).join(", ");
}

function fkKey(table: Table, column: Column): string {
  return `${table.name}.${column.name}`;
}

/**
 * The order `tablesDdl` creates tables in: a table after the tables it references (depth-first,
 * spec order among independent tables). Rows inserted in this order satisfy every foreign key
 * outside a reference cycle.
 *
 * @example
 * tableOrder(store.tables).map((t) => t.name) // ["orders", "orderItems", "orderTransitions"]
 */
export function tableOrder<T extends Table>(tables: readonly T[]): T[] {
  return orderByReferences(tables).order;
}

/** Depth-first order, spec order among independent tables; edges that close a cycle are deferred. */
function orderByReferences<T extends Table>(tables: readonly T[]): { order: T[]; deferred: Set<string> } {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const state = new Map<string, "visiting" | "done">();
  const order: T[] = [];
  const deferred = new Set<string>();
  const visit = (table: T): void => {
    state.set(table.name, "visiting");
    for (const column of table.columns) {
      const target = column.references ? byName.get(column.references.table) : undefined;
      if (!target || target === table) continue;
      const seen = state.get(target.name);
      if (seen === "visiting") deferred.add(fkKey(table, column));
      else if (seen === undefined) visit(target);
    }
    state.set(table.name, "done");
    order.push(table);
  };
  for (const table of tables) if (!state.has(table.name)) visit(table);
  return { order, deferred };
}
