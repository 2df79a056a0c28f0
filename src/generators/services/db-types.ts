import type { Column, PostgresStore, Table } from "../../model/index.js";
import { typeName } from "./ts-types.js";

/** What the pg driver hands back for each column type (bigint and numeric stay strings to keep precision). */
const SELECT_TYPES: Readonly<Record<string, string>> = {
  uuid: "string",
  text: "string",
  varchar: "string",
  integer: "number",
  smallint: "number",
  serial: "number",
  bigint: "string",
  bigserial: "string",
  numeric: "string",
  real: "number",
  double: "number",
  boolean: "boolean",
  date: "Date",
  timestamp: "Date",
  timestamptz: "Date",
  json: "unknown",
  jsonb: "unknown",
  bytea: "Buffer",
};

function columnType(column: Column): string {
  const base = SELECT_TYPES[column.type] ?? "unknown";
  const withNull = column.nullable ? `${base} | null` : base;
  const generated = column.default !== undefined || column.type === "serial" || column.type === "bigserial";
  return generated ? `Generated<${withNull}>` : withNull;
}

function tableInterface(store: PostgresStore, table: Table): string {
  const name = `${typeName(store.id)}${typeName(table.name)}Table`;
  const members = table.columns.map((c) => `  ${c.name}: ${columnType(c)};`);
  return `export interface ${name} {\n${members.join("\n")}\n}`;
}

/** Kysely `Database` types for the postgres stores a service uses: one interface per table, one per store. */
export function kyselyTypes(stores: readonly PostgresStore[]): string {
  const lines: string[] = ['import type { Generated } from "archkit/runtime";', ""];
  for (const store of stores) {
    for (const table of store.tables) lines.push(tableInterface(store, table), "");
    const members = store.tables.map((t) => `  ${t.name}: ${typeName(store.id)}${typeName(t.name)}Table;`);
    lines.push(`/** Tables of the \`${store.id}\` store. */`, `export interface ${typeName(store.id)}Database {\n${members.join("\n")}\n}`, "");
  }
  return lines.join("\n");
}
