import { exampleUuid, sampleUse } from "../../checks/requests/index.js";
import type { Column, ComputedModel, DocumentStore, Model, PostgresStore, Table } from "../../model/index.js";
import { tableOrder } from "../../runtime/db/table-ddl.js";
import { literal } from "../tests/literal.js";

const EXAMPLE_TIME = "2026-01-15T10:30:00.000Z";

/** A value as TypeScript source: JSON, or a `new Date(...)` for a time column. */
type Source = { readonly kind: "json"; readonly value: unknown } | { readonly kind: "date"; readonly iso: string };

/**
 * The example value of a column: the initial state of the machine a state column keeps, a value
 * sampled from a json column's schema, else one by its SQL type.
 */
function typedValue(computed: ComputedModel, table: Table, column: Column): Source {
  const { model } = computed;
  const machine = column.stateMachine && computed.stateMachine(column.stateMachine);
  if (machine) return { kind: "json", value: machine.initial };
  if (column.schema) {
    const sampled = sampleUse(model, column.schema, `fixtures/${table.name}/${column.name}`, {
      uuid: exampleUuid(model),
    });
    if (sampled.kind !== "unsupported") return { kind: "json", value: sampled.value };
  }
  switch (column.type) {
    case "uuid":
      return { kind: "json", value: exampleUuid(model) };
    case "integer":
    case "smallint":
    case "serial":
      return { kind: "json", value: 1 };
    case "bigint":
    case "bigserial":
    case "numeric":
      return { kind: "json", value: "1" };
    case "real":
    case "double":
      return { kind: "json", value: 1 };
    case "boolean":
      return { kind: "json", value: false };
    case "date":
      return { kind: "date", iso: EXAMPLE_TIME.slice(0, 10) };
    case "timestamp":
    case "timestamptz":
      return { kind: "date", iso: EXAMPLE_TIME };
    case "json":
    case "jsonb":
      return { kind: "json", value: {} };
    default:
      return { kind: "json", value: `${table.name} ${column.name}` };
  }
}

/**
 * One example row per table, as TypeScript object literals: its primary key and every column the
 * database cannot fill in (not nullable, no default). A column that references another table takes
 * that table's example value, so the rows satisfy their foreign keys.
 *
 * @example
 * exampleRows(computed, ordersDb) // [{ table: "orders", row: '{ id: "…", customerId: "…", status: "orders status", … }' }, …]
 */
export function exampleRows(
  computed: ComputedModel,
  store: PostgresStore,
): { readonly table: string; readonly row: string }[] {
  const values = new Map<string, Source>();
  return tableOrder(store.tables).map((table) => {
    const fields = table.columns.flatMap((column) => {
      const required =
        table.primaryKey.includes(column.name) ||
        (!column.nullable && column.default === undefined && column.type !== "serial" && column.type !== "bigserial");
      if (!required) return [];
      const ref = column.references && values.get(`${column.references.table}.${column.references.column}`);
      const value = ref ?? typedValue(computed, table, column);
      values.set(`${table.name}.${column.name}`, value);
      return [`${propertyName(column.name)}: ${source(value)}`];
    });
    return { table: table.name, row: `{ ${fields.join(", ")} }` };
  });
}

function source(value: Source): string {
  return value.kind === "date" ? `new Date(${JSON.stringify(value.iso)})` : literal(value.value, "      ");
}

/** A property name as TypeScript writes it: bare when it is an identifier, quoted otherwise. */
export function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/**
 * One example document per collection, sampled from its schema; its id is the document's own `id`
 * when it has a string one. A collection whose schema gives no valid sample gets none.
 */
export function exampleDocuments(
  model: Model,
  store: DocumentStore,
): { readonly collection: string; readonly document?: string }[] {
  return store.collections.map((collection) => {
    const sampled = sampleUse(model, collection.schema, `fixtures/${collection.name}`, { uuid: exampleUuid(model) });
    if (sampled.kind === "unsupported") return { collection: collection.name };
    const own = (sampled.value as { id?: unknown } | null)?.id;
    const id = typeof own === "string" && own !== "" ? own : exampleUuid(model);
    return { collection: collection.name, document: literal({ id, data: sampled.value }, "      ") };
  });
}
