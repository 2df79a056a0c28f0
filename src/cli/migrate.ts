import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { type Io, UserError } from "./io.js";

export interface MigrateOptions {
  /** Also apply contract migrations (those that break the previous release). */
  readonly contract?: boolean;
  /** Default `DATABASE_URL`. */
  readonly databaseUrl?: string;
  /** Only this service's stores; default every service with a database. */
  readonly service?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * `archkit migrate`: apply the pending migrations of a generated project's stores to one
 * database, with `--contract` the contract migrations too. Returns the exit code.
 */
export async function runMigrate(io: Io, dir: string | undefined, options: MigrateOptions): Promise<number> {
  const root = resolve(io.cwd, dir ?? ".");
  const [{ MODEL_FILE, readModelFile, serviceMigrationsDir }, db] = await Promise.all([
    import("../model/index.js"),
    import("../runtime/db/index.js"),
  ]);
  const computed = readModelFile(join(root, MODEL_FILE));
  const url = options.databaseUrl ?? (options.env ?? process.env).DATABASE_URL;
  if (!url) throw new UserError("no database to migrate", "pass --database-url postgres://... or set DATABASE_URL");
  const services = computed.services.filter(
    (s) =>
      s.needs.database && s.databaseStores.length > 0 && (options.service === undefined || s.id === options.service),
  );
  if (options.service !== undefined && services.length === 0)
    throw new UserError(
      `service ${options.service} has no database stores`,
      `choose one of: ${computed.services
        .filter((s) => s.databaseStores.length > 0)
        .map((s) => s.id)
        .join(", ")}`,
    );
  const handle = await db.openDatabase(url);
  try {
    let applied = 0;
    for (const service of services) {
      const folder = join(root, serviceMigrationsDir(service.id));
      const stores = service.databaseStores.map((s) => s.id);
      for (const report of await db.migrateStores(handle.db, folder, stores, { contract: options.contract })) {
        for (const name of report.applied) io.out(`applied ${relative(io.cwd, join(folder, report.store, name))}`);
        for (const name of report.waiting)
          io.out(`waiting ${relative(io.cwd, join(folder, report.store, name))} (contract: run with --contract)`);
        applied += report.applied.length;
      }
    }
    io.out(`${applied} migration${applied === 1 ? "" : "s"} applied to ${db.maskUrl(url)}`);
    return 0;
  } finally {
    await handle.close();
  }
}

export function registerMigrate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("migrate")
    .argument("[dir]", "the generated project (where services/model.json is)", ".")
    .description("apply the pending migrations of every store to a database")
    .option("--contract", "also apply contract migrations: run it once no instance of the previous release runs")
    .option("--database-url <url>", "postgres://... or pglite://<dir> (default: DATABASE_URL)")
    .option("--service <id>", "only this service's stores")
    .addHelpText(
      "after",
      `
Examples:
  $ archkit migrate --database-url postgres://app@db:5432/orders --service orders
  $ DATABASE_URL=postgres://app@db:5432/shop archkit migrate build --contract`,
    )
    .action(async (dir: string, options: { contract?: boolean; databaseUrl?: string; service?: string }) => {
      setExit(await runMigrate(io, dir, options));
    });
}
