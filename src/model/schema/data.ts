import { z } from "zod";
import {
  Duration,
  Identifier,
  JsonSchemaObject,
  PositiveInt,
  SchemaRef,
  Text,
  TextList,
  TypeName,
  named,
  patterned,
} from "./primitives.js";

export const Event = z.strictObject({
  title: Text.optional(),
  description: Text.optional(),
  schema: SchemaRef,
  key: Text.optional().describe("Payload property used as the partition key"),
  topic: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: "expected a topic name of lowercase letters, digits, `.`, `_` and `-`" })
    .optional(),
  partitions: PositiveInt.max(10000).optional(),
  retention: Duration.optional(),
});

export const ColumnType = z.enum([
  "uuid",
  "text",
  "varchar",
  "integer",
  "bigint",
  "smallint",
  "serial",
  "bigserial",
  "numeric",
  "real",
  "double",
  "boolean",
  "date",
  "timestamp",
  "timestamptz",
  "json",
  "jsonb",
  "bytea",
]);

export const Column = z.strictObject({
  type: ColumnType,
  primaryKey: z.boolean().optional(),
  unique: z.boolean().optional(),
  index: z.boolean().optional(),
  nullable: z.boolean().optional(),
  default: z
    .union([z.string(), z.number(), z.boolean()])
    .optional()
    .describe("SQL default: a literal or an expression such as now()"),
  references: patterned("columnRef").optional(),
  description: Text.optional(),
  renamedFrom: patterned("sqlName")
    .optional()
    .describe("The column's previous name: the next migration renames it and keeps its data"),
  backfill: Text.optional().describe(
    "SQL expression that fills existing rows when the column becomes required, e.g. lower(email)",
  ),
  sensitive: z
    .boolean()
    .optional()
    .describe("Personal or secret data: redacted wherever a log line or a logged SQL parameter names this column"),
  schema: SchemaRef.optional().describe(
    "json/jsonb columns: the schema of the stored value; the generated row type is its TypeScript type",
  ),
  stateMachine: TypeName.optional().describe(
    "text/varchar columns: the state machine whose states the column keeps; the row type is the union of its states",
  ),
});

export const Table = z.strictObject({
  description: Text.optional(),
  columns: named("sqlName", Column),
  unique: z.array(z.array(z.string())).optional().describe("Composite unique constraints"),
  renamedFrom: patterned("sqlName")
    .optional()
    .describe("The table's previous name: the next migration renames it and keeps its rows"),
});

const StoreCommon = {
  title: Text.optional(),
  description: Text.optional(),
  technology: Text.optional(),
  replication: Text.optional(),
  backup: Text.optional(),
  scaling: Text.optional(),
};

export const PostgresStore = z.strictObject({
  kind: z.literal("postgres"),
  ...StoreCommon,
  tables: named("sqlName", Table),
});
export const DocumentStore = z.strictObject({
  kind: z.literal("document"),
  ...StoreCommon,
  collections: named(
    "sqlName",
    z.strictObject({
      schema: SchemaRef,
      description: Text.optional(),
      indexes: TextList.optional(),
      renamedFrom: patterned("sqlName")
        .optional()
        .describe("The collection's previous name: the next migration renames it and keeps its documents"),
      renamedFields: z
        .record(z.string(), z.string())
        .optional()
        .describe("Top-level document fields renamed since the last migration: new name to old name"),
    }),
  ),
});
export const CacheStore = z.strictObject({ kind: z.literal("cache"), ...StoreCommon, ttl: Duration.optional() });

export const Store = z.discriminatedUnion("kind", [PostgresStore, DocumentStore, CacheStore]);

export const Transition = z.strictObject({
  from: z.union([Identifier, z.array(Identifier)]),
  to: Identifier,
  on: Identifier,
  description: Text.optional(),
});

export const StateMachine = z.strictObject({
  title: Text.optional(),
  description: Text.optional(),
  initial: Identifier,
  states: z.array(Identifier).min(1),
  final: z.array(Identifier).optional(),
  transitions: z.array(Transition),
});

export const Schemas = named("typeName", JsonSchemaObject);
