import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  diffSchemas,
  type ColumnSchema,
  type SchemaIntents,
  type StoreSchema,
  type TableSchema,
} from "../../../src/model/migrations/index.js";
import type { DatabaseHandle } from "../../../src/runtime/contracts.js";
import { openDatabase, sqlForChanges } from "../../../src/runtime/db/index.js";
import { tablesDdl } from "../../../src/runtime/db/table-ddl.js";
import { rows } from "./evolution.js";

type Tables = readonly TableSchema[];
interface Step {
  readonly op:
    | "add"
    | "drop"
    | "rename"
    | "retype"
    | "nullability"
    | "index"
    | "unique"
    | "table"
    | "dropTable"
    | "renameTable";
  readonly pick: number;
  readonly variant: number;
}

const TYPES = ["text", "integer", "bigint", "boolean", "varchar"] as const;
const DEFAULTS: Record<string, string | number | boolean> = {
  text: "x",
  integer: 1,
  bigint: 2,
  boolean: true,
  varchar: "v",
};

let counter = 0;
const fresh = (prefix: string) => `${prefix}${++counter}`;
const idColumn: ColumnSchema = {
  name: "id",
  type: "uuid",
  primaryKey: true,
  unique: false,
  index: false,
  nullable: false,
};

function newTable(): TableSchema {
  return { name: fresh("t"), columns: [idColumn], primaryKey: ["id"], unique: [] };
}

function setColumns(table: TableSchema, columns: ColumnSchema[]): TableSchema {
  return { ...table, columns };
}

/** One random schema change applied to the tables, with the intents a spec would declare for it. */
function mutate(tables: Tables, step: Step): { tables: Tables; intents: SchemaIntents } {
  const intents = {
    renamed: {} as Record<string, string>,
    renamedColumns: {} as Record<string, string>,
    backfill: {} as Record<string, string>,
  };
  if (step.op === "table" || tables.length === 0) return { tables: [...tables, newTable()], intents };
  const ti = step.pick % tables.length;
  const table = tables[ti]!;
  const others = table.columns.filter((c) => !c.primaryKey);
  const column = others.length > 0 ? others[step.pick % others.length] : undefined;
  const replace = (next: TableSchema | undefined) => tables.flatMap((t, i) => (i === ti ? (next ? [next] : []) : [t]));
  const withColumn = (next: ColumnSchema | undefined) =>
    replace(
      setColumns(
        table,
        table.columns.flatMap((c) => (c === column ? (next ? [next] : []) : [c])),
      ),
    );
  switch (step.op) {
    case "add": {
      const type = TYPES[step.variant % TYPES.length]!;
      const name = fresh("c");
      const kind = step.variant % 3;
      const col: ColumnSchema = {
        name,
        type,
        primaryKey: false,
        unique: false,
        index: false,
        nullable: kind === 0,
        ...(kind === 1 ? { default: DEFAULTS[type]! } : {}),
      };
      if (kind === 2)
        intents.backfill[`${table.name}.${name}`] = String(
          typeof DEFAULTS[type] === "string" ? `'${DEFAULTS[type]}'` : DEFAULTS[type],
        );
      return { tables: replace(setColumns(table, [...table.columns, col])), intents };
    }
    case "drop":
      return { tables: column ? withColumn(undefined) : tables, intents };
    case "rename": {
      if (!column) return { tables, intents };
      const name = fresh("r");
      intents.renamedColumns[`${table.name}.${name}`] = column.name;
      return { tables: withColumn({ ...column, name }), intents };
    }
    case "retype":
      return {
        tables: column
          ? withColumn({ ...column, type: TYPES[step.variant % TYPES.length]!, default: undefined, nullable: true })
          : tables,
        intents,
      };
    case "nullability":
      return {
        tables: column
          ? withColumn(
              column.nullable
                ? { ...column, nullable: false, default: DEFAULTS[column.type]! }
                : { ...column, nullable: true },
            )
          : tables,
        intents,
      };
    case "index":
      return { tables: column ? withColumn({ ...column, index: !column.index }) : tables, intents };
    case "unique":
      return { tables: column ? withColumn({ ...column, unique: !column.unique }) : tables, intents };
    case "dropTable":
      return { tables: replace(undefined), intents };
    case "renameTable": {
      const name = fresh("n");
      intents.renamed[name] = table.name;
      return { tables: replace({ ...table, name }), intents };
    }
  }
}

const schema = (tables: Tables): StoreSchema => ({ kind: "postgres", store: "db", tables });

async function describeSchema(handle: DatabaseHandle, name: string) {
  const columns = await rows<Record<string, unknown>>(
    handle.db,
    `select c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = '${name}' order by 1, 2`,
  );
  const indexes = await rows<Record<string, unknown>>(
    handle.db,
    `select tablename, indexname from pg_indexes where schemaname = '${name}' order by 1, 2`,
  );
  const constraints = await rows<Record<string, unknown>>(
    handle.db,
    `select table_name, constraint_name, constraint_type from information_schema.table_constraints where table_schema = '${name}' and constraint_type <> 'CHECK' order by 1, 2`,
  );
  const relations = await rows<Record<string, unknown>>(
    handle.db,
    `select table_name, table_type from information_schema.tables where table_schema = '${name}' order by 1`,
  );
  return { columns, indexes, constraints, relations };
}

async function runAll(handle: DatabaseHandle, schemaName: string, statements: readonly string[]): Promise<void> {
  await rows(handle.db, `create schema "${schemaName}"`);
  await rows(handle.db, `set search_path to "${schemaName}", public`);
  for (const statement of statements) await rows(handle.db, statement);
}

describe("migrations: a property over random sequences of schema changes", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase("pglite://memory");
  });
  afterAll(() => handle.close());

  it("applying every migration (expand, then contract) to an empty database gives what creating the latest schema does", async () => {
    const step = fc.record({
      op: fc.constantFrom<Step["op"]>(
        "add",
        "add",
        "drop",
        "rename",
        "retype",
        "nullability",
        "index",
        "unique",
        "table",
        "dropTable",
        "renameTable",
      ),
      pick: fc.nat(50),
      variant: fc.nat(50),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        run += 1;
        let tables: Tables = [];
        const statements: string[] = [];
        for (const s of steps) {
          const next = mutate(tables, s);
          const sql = sqlForChanges(diffSchemas(schema(tables), schema(next.tables), next.intents));
          statements.push(...sql.expand, ...sql.contract);
          tables = next.tables;
        }
        await runAll(handle, `m${run}`, statements);
        await runAll(handle, `d${run}`, tablesDdl(tables));
        const [migrated, direct] = [await describeSchema(handle, `m${run}`), await describeSchema(handle, `d${run}`)];
        const strip = (s: typeof migrated) =>
          JSON.parse(JSON.stringify(s).replaceAll(`"m${run}"`, "").replaceAll(`"d${run}"`, ""));
        expect(strip(migrated)).toEqual(strip(direct));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
