export { openDatabase } from "./open.js";
export type { OpenDatabaseOptions } from "./open.js";
export { DEFAULT_DATABASE_URL, DatabaseUrlError, databaseUrlFromEnv, maskUrl, parseDatabaseUrl } from "./url.js";
export type { DatabaseTarget } from "./url.js";
export { PGliteDialect } from "./pglite-dialect.js";
export { PGliteDriver } from "./pglite-driver.js";
export { MigrationPlanError, migrationSql, planMigrations } from "./migrations.js";
export type { Migration, PlanOptions } from "./migrations.js";
export { MigrationError, runMigrations } from "./migrate.js";
export type { MigrationReport } from "./migrate.js";
export { MIGRATIONS_TABLE, OUTBOX_TABLE, PROCESSED_TABLE } from "./runtime-ddl.js";
export { documentCollection } from "./documents.js";
export { json } from "./json.js";
export type { JsonText } from "./json.js";
export type { DocumentCollection, FindOptions, StoredDocument } from "./documents.js";
export { constraintName, defaultSql, quoteIdent, quoteLiteral } from "./sql-text.js";
export {
  applyStoreMigrations,
  migrateStores,
  MigrationStateError,
  readMigrationFolder,
  SCHEMA_MIGRATIONS_TABLE,
} from "./versioned.js";
export type { MigrationFile, StoreMigrationReport } from "./versioned.js";
export { sqlForChanges } from "./migration-sql.js";
export type { PhasedSql } from "./migration-sql.js";
export { splitStatements } from "./sql-split.js";
export { classifyDatabaseError } from "./errors.js";
export type { DatabaseInputError } from "./errors.js";
