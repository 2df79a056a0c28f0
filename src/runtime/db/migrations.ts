import { computeModel } from "../../model/computed/index.js";
import type { Model, Store } from "../../model/index.js";
import { collectionsDdl } from "./document-ddl.js";
import { OUTBOX_DDL, PROCESSED_DDL } from "./runtime-ddl.js";
import { sha256 } from "./sql-text.js";
import { tablesDdl } from "./table-ddl.js";
import { ArchkitError } from "../../model/errors.js";
import { unreachable } from "../../model/errors.js";

/** One unit of schema: its statements run together and are recorded by the hash of their text. */
export interface Migration {
  /** `store:<storeId>` or `runtime:<table>`. */
  readonly name: string;
  readonly statements: readonly string[];
  /** sha256 of the statements; the key in `archkit_migrations`. */
  readonly hash: string;
}

export interface PlanOptions {
  /** Only the stores this service uses (its database); every postgres and document store when absent. */
  readonly service?: string;
  /** Add the outbox and processed-message tables (default true). */
  readonly runtimeTables?: boolean;
  /** Add the stores' tables (default true); false where the stores' versioned migrations run instead. */
  readonly storeTables?: boolean;
}

/** A model the runtime cannot turn into a schema, such as two stores of one database with the same table name. */
export class MigrationPlanError extends ArchkitError {
  override readonly name = "MigrationPlanError";
  override readonly code = "migration-plan";
}

/**
 * The migrations of one database, built from the model's stores: a migration per postgres or
 * document store (in spec order) and the runtime's own tables. Pure and deterministic.
 *
 * @example
 * const migrations = planMigrations(model, { service: "orders" });
 * await runMigrations(handle.db, migrations);
 */
export function planMigrations(model: Model, options: PlanOptions = {}): Migration[] {
  const stores = options.storeTables === false ? [] : storesOf(model, options.service);
  checkNameClashes(stores);
  const migrations = stores.flatMap((store): Migration[] => {
    switch (store.kind) {
      case "postgres":
        return [migration(`store:${store.id}`, tablesDdl(store.tables))];
      case "document":
        return [migration(`store:${store.id}`, collectionsDdl(store))];
      case "cache":
        return [];
      default: {
        return unreachable(store);
      }
    }
  });
  if (options.runtimeTables === false) return migrations;
  return [
    ...migrations,
    migration("runtime:outbox", OUTBOX_DDL),
    migration("runtime:processed-messages", PROCESSED_DDL),
  ];
}

/**
 * The migrations as one SQL script, each statement ended by `;`, each migration introduced by a
 * comment with its name and hash. Byte-deterministic, for generated migration files.
 *
 * @example
 * writeFileSync("migrations/001_schema.sql", migrationSql(planMigrations(model, { service: "orders" })));
 */
export function migrationSql(migrations: readonly Migration[]): string {
  return (
    migrations
      .map((m) => [`-- ${m.name} (${m.hash.slice(0, 12)})`, ...m.statements.map((s) => `${s};`)].join("\n"))
      .join("\n\n") + "\n"
  );
}

function migration(name: string, statements: readonly string[]): Migration {
  return { name, statements, hash: sha256(`${name}\n${statements.join(";\n")}`) };
}

function storesOf(model: Model, service: string | undefined): Store[] {
  const persistent = model.stores.filter((s) => s.kind !== "cache");
  if (service === undefined) return persistent;
  const found = computeModel(model).findService(service)?.def;
  if (!found) {
    const known = model.services.map((s) => s.id).join(", ");
    throw new MigrationPlanError(
      `service "${service}" is not declared in ${model.file} (services: ${known || "none"})`,
    );
  }
  return persistent.filter((s) => found.stores.includes(s.id));
}

function checkNameClashes(stores: readonly Store[]): void {
  const owner = new Map<string, string>();
  for (const store of stores) {
    for (const name of tableNames(store)) {
      const first = owner.get(name);
      if (first !== undefined) {
        throw new MigrationPlanError(
          `table "${name}" is declared by both store ${first} and store ${store.id}, which share one database; rename one of them`,
        );
      }
      owner.set(name, store.id);
    }
  }
}

function tableNames(store: Store): string[] {
  switch (store.kind) {
    case "postgres":
      return store.tables.map((t) => t.name);
    case "document":
      return store.collections.map((c) => c.name);
    case "cache":
      return [];
    default: {
      return unreachable(store);
    }
  }
}
