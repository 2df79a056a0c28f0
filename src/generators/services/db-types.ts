import {
  type Column,
  type ComputedModel,
  type ComputedService,
  type DocumentStore,
  type PostgresStore,
  type SchemaUse,
  storeTypeNames,
} from "../../model/index.js";
import { render } from "./templates.js";
import { schemaToType } from "./ts-types.js";

/** What the pg driver hands back for each column type (bigint and numeric stay strings to keep precision). */
const SELECT_TYPES: Readonly<Record<string, string>> = {
  uuid: "string",
  text: "string",
  varchar: "string",
  integer: "number",
  smallint: "number",
  serial: "number",
  bigserial: "string",
  bigint: "string",
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

const JSON_TYPES: ReadonlySet<string> = new Set(["json", "jsonb"]);

interface ColumnView {
  readonly name: string;
  readonly type: string;
}

interface TableView {
  readonly name: string;
  readonly interface: string;
  readonly columns: readonly ColumnView[];
}

/** The named schema types the generated file mentions, to import from ./types.js. */
type Names = Set<string>;

function schemaType(use: SchemaUse, names: Names): string {
  const ref = (name: string) => {
    names.add(name);
    return name;
  };
  return use.kind === "named" ? ref(use.name) : schemaToType(use.schema, { ref });
}

/** A column's value type: its state machine's states, its JSON schema's type, or what the driver returns. */
function valueType(computed: ComputedModel, column: Column, names: Names): string {
  if (column.stateMachine !== undefined) {
    const machine = computed.stateMachine(column.stateMachine);
    if (machine) return machine.states.map((s) => JSON.stringify(s)).join(" | ");
  }
  if (JSON_TYPES.has(column.type)) return column.schema ? schemaType(column.schema, names) : "unknown";
  return SELECT_TYPES[column.type] ?? "unknown";
}

/**
 * The Kysely type of one column, from the same column model the migrations are written from:
 * `T | null` when nullable, `Generated<T>` when the database fills it (a default or a serial),
 * `ColumnType<T, JsonText<T>, JsonText<T>>` for json/jsonb (written with `json(value)`).
 */
export function columnType(computed: ComputedModel, column: Column, names: Names = new Set()): string {
  const base = valueType(computed, column, names);
  const generated = column.default !== undefined || column.type === "serial" || column.type === "bigserial";
  const withNull = column.nullable ? `${wrap(base)} | null` : base;
  if (!JSON_TYPES.has(column.type)) return generated ? `Generated<${withNull}>` : withNull;
  const text = `JsonText<${base}>${column.nullable ? " | null" : ""}`;
  return `ColumnType<${withNull}, ${text}${generated ? " | undefined" : ""}, ${text}>`;
}

function wrap(type: string): string {
  return type.includes(" | ") ? `(${type})` : type;
}

function postgresView(computed: ComputedModel, store: PostgresStore, names: Names) {
  const typeNames = storeTypeNames(
    store.id,
    store.tables.map((t) => t.name),
  );
  const tables: TableView[] = store.tables.map((table, i) => ({
    name: table.name,
    interface: typeNames.tables[i]!,
    columns: table.columns.map((c) => ({ name: c.name, type: columnType(computed, c, names) })),
  }));
  return { id: store.id, database: typeNames.database, tables };
}

/** A document collection as Kysely sees it: the JSONB table `(id, data, created_at, updated_at)` of the runtime. */
function documentView(store: DocumentStore, names: Names) {
  const typeNames = storeTypeNames(
    store.id,
    store.collections.map((c) => c.name),
  );
  const tables: TableView[] = store.collections.map((collection, i) => {
    const data = schemaType(collection.schema, names);
    return {
      name: collection.name,
      interface: typeNames.tables[i]!,
      columns: [
        { name: "id", type: "string" },
        { name: "data", type: `ColumnType<${data}, JsonText<${data}>, JsonText<${data}>>` },
        { name: "created_at", type: "Generated<Date>" },
        { name: "updated_at", type: "Generated<Date>" },
      ],
    };
  });
  return { id: store.id, database: typeNames.database, tables };
}

/**
 * `generated/db.ts`: the Kysely `Database` of a service: one interface per table of its postgres
 * stores and per collection of its document stores, one per store, and `Database` joining them.
 */
export function kyselyTypes(computed: ComputedModel, service: ComputedService): string {
  const names: Names = new Set();
  const stores = service.databaseStores.map((store) =>
    store.kind === "postgres" ? postgresView(computed, store, names) : documentView(store, names),
  );
  return render("generated/db.ts", {
    stores,
    runtimeTypes: ["ColumnType", "Generated", "JsonText"].filter((name) =>
      stores.some((s) => usesName(s.tables, name)),
    ),
    schemaTypes: [...names].sort(),
  });
}

function usesName(tables: readonly TableView[], name: string): boolean {
  return tables.some((t) => t.columns.some((c) => c.type.includes(`${name}<`)));
}
