import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import { lazyPackage } from "../lazy.js";
import type { DatabaseHandle, Dialect } from "../contracts.js";
import { PGliteDialect } from "./pglite-dialect.js";
import { DatabaseUrlError, maskUrl, parseDatabaseUrl, type DatabaseTarget } from "./url.js";
import { unreachable } from "../../model/errors.js";

const pg = lazyPackage<typeof import("pg")>("pg");

export interface OpenDatabaseOptions {
  /** Most pooled connections for `postgres://` (default 10). */
  readonly poolSize?: number;
  /** The variable the URL came from, for messages (default `DATABASE_URL`). */
  readonly variable?: string;
  /** Run `select 1` before returning so a bad host or database fails here, with a clear message (default true). */
  readonly verify?: boolean;
  /**
   * A PGlite data directory archive (`PGlite#dumpDataDir("none")`) that `pglite://memory` starts
   * from instead of initialising a new cluster: about a quarter of the CPU time. `archkit dev`
   * sets it through `ARCHKIT_PGLITE_TEMPLATE`. Ignored for `postgres://` and for directories.
   */
  readonly pgliteTemplate?: string;
}

/**
 * Opens the database a URL names: a pg pool for `postgres://` and `postgresql://`, PGlite
 * (embedded PostgreSQL) for `pglite://memory` or `pglite://<directory>`. Any other URL throws a
 * `DatabaseUrlError` whose message names the variable and the accepted forms.
 *
 * @example
 * const handle = await openDatabase(process.env.DATABASE_URL ?? "pglite://memory");
 * await handle.db.selectFrom("orders").selectAll().execute();
 * await handle.close();
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const variable = options.variable ?? "DATABASE_URL";
  const target = parseDatabaseUrl(url, variable);
  const handle = await openTarget(target, options);
  if (options.verify === false) return handle;
  try {
    await sql`select 1`.execute(handle.db);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw new DatabaseUrlError(`cannot connect to ${variable} "${maskUrl(url)}": ${reason(error)}`);
  }
  return handle;
}

async function openTarget(target: DatabaseTarget, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  switch (target.kind) {
    case "postgres":
      return openPostgres(target.url, options.poolSize ?? 10);
    case "pglite":
      return openPglite(target.dataDir, options.variable ?? "DATABASE_URL", options.pgliteTemplate);
    default: {
      return unreachable(target);
    }
  }
}

function openPostgres(url: string, max: number): DatabaseHandle {
  const pool = new (pg().Pool)({ connectionString: url, max });
  pool.on("error", () => undefined);
  return handleFor("postgres", new Kysely<any>({ dialect: new PostgresDialect({ pool }) }));
}

async function openPglite(
  dataDir: string | undefined,
  variable: string,
  template: string | undefined,
): Promise<DatabaseHandle> {
  let pglite: PGlite;
  try {
    pglite =
      dataDir === undefined && template
        ? await PGlite.create({ loadDataDir: await readTemplate(template) })
        : await PGlite.create(dataDir);
  } catch (error) {
    const from = dataDir === undefined && template ? ` from the template ${template}` : "";
    throw new DatabaseUrlError(`cannot open ${variable} "pglite://${dataDir ?? "memory"}"${from}: ${reason(error)}`);
  }
  return handleFor("pglite", new Kysely<any>({ dialect: new PGliteDialect(pglite) }));
}

async function readTemplate(path: string): Promise<Blob> {
  try {
    return new Blob([await readFile(path)]);
  } catch (error) {
    throw new Error(`cannot read the PGlite template (ARCHKIT_PGLITE_TEMPLATE): ${reason(error)}`);
  }
}

function handleFor(dialect: Dialect, db: Kysely<any>): DatabaseHandle {
  let closed: Promise<void> | undefined;
  return {
    dialect,
    db,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close() {
      closed ??= db.destroy();
      return closed;
    },
  };
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
