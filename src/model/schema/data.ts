import { z } from "zod";
import {
  Duration,
  Identifier,
  JsonSchemaObject,
  PositiveInt,
  SchemaRef,
  Text,
  TextList,
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
});

export const Table = z.strictObject({
  description: Text.optional(),
  columns: named("sqlName", Column),
  unique: z.array(z.array(z.string())).optional().describe("Composite unique constraints"),
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
    z.strictObject({ schema: SchemaRef, description: Text.optional(), indexes: TextList.optional() }),
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
