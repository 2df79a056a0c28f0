export { dataLoss, describeChange } from "./changes.js";
export type { SchemaChange, SchemaChangeKind } from "./changes.js";
export {
  baseType,
  diffSchemas,
  indexedColumns,
  isSolePrimaryKey,
  isWidening,
  NO_INTENTS,
  SchemaDiffError,
  schemaIntents,
  uniqueGroups,
} from "./diff.js";
export type { SchemaIntents } from "./diff.js";
export {
  emptySchema,
  parseSnapshot,
  renderSnapshot,
  sameSchema,
  SnapshotError,
  storeSchema,
} from "./snapshot.js";
export type { CollectionSchema, ColumnSchema, SchemaSnapshot, StoreSchema, TableSchema } from "./snapshot.js";
