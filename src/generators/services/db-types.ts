import type { Column, PostgresStore } from "../../model/index.js";
import { render } from "./templates.js";
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

/** Kysely `Database` types for the postgres stores a service uses: one interface per table, one per store (`export {}` for none). */
export function kyselyTypes(stores: readonly PostgresStore[]): string {
  const view = stores.map((store) => ({
    id: store.id,
    database: `${typeName(store.id)}Database`,
    tables: store.tables.map((table) => ({
      name: table.name,
      interface: `${typeName(store.id)}${typeName(table.name)}Table`,
      columns: table.columns.map((c) => ({ name: c.name, type: columnType(c) })),
    })),
  }));
  return render("generated/db.ts", { stores: view });
}
