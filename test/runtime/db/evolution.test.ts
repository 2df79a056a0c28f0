import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../src/runtime/contracts.js";
import {
  MigrationError,
  migrateStores,
  openDatabase,
  planMigrations,
  runMigrations,
  SCHEMA_MIGRATIONS_TABLE,
} from "../../../src/runtime/db/index.js";
import { startService } from "../../../src/runtime/host/start.js";
import { tempDir } from "../../cli/helpers.js";
import { createTestDatabase, postgresServer, suiteTitle, type TestDatabase } from "../servers.js";
import { evolutionModel, generateMigrations, rows } from "./evolution.js";

const STORES = ["db", "catalog"];
const server = await postgresServer();

interface Target {
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

const pglite = (): Target => ({ open: () => openDatabase("pglite://memory"), dispose: async () => undefined });

function postgres(): Target {
  let database: TestDatabase | undefined;
  return {
    async open() {
      if (!server.ok) throw new Error(server.reason);
      database ??= await createTestDatabase(server.url);
      return openDatabase(database.url);
    },
    dispose: () => database?.drop() ?? Promise.resolve(),
  };
}

function evolution(title: string, target: () => Target): void {
  describe(title, () => {
    let current: Target | undefined;
    let handle: DatabaseHandle | undefined;
    afterEach(async () => {
      await handle?.close();
      await current?.dispose();
    });

    it("applies three spec versions to a database holding data, the old version writing between expand and contract, and every row survives", async () => {
      current = target();
      handle = await current.open();
      const db = handle.db;
      const folder = await tempDir();
      expect(await generateMigrations(folder, evolutionModel(1))).toEqual([
        "db/0001_initial.sql",
        "catalog/0001_initial.sql",
      ]);
      await migrateStores(db, folder, STORES);
      await rows(
        db,
        `insert into "orders" ("id", "status", "total", "note") values ('00000000-0000-0000-0000-000000000001', 'new', 10, 'first'), ('00000000-0000-0000-0000-000000000002', 'paid', 20, null)`,
      );
      await rows(db, `insert into "lines" ("orderId", "sku") values ('00000000-0000-0000-0000-000000000001', 'A-1')`);
      await rows(db, `insert into "items" ("id", "data") values ('i1', '{"sku":"A-1","name":"pen"}')`);

      const v2 = await generateMigrations(folder, evolutionModel(2));
      expect(v2).toEqual([
        "db/0002_rename_orders_total_to_amount.sql",
        "db/0003_rename_orders_total_to_amount_contract.sql",
        "catalog/0002_rename_items_sku_to_code.sql",
        "catalog/0003_rename_items_sku_to_code_contract.sql",
      ]);
      const expand = await migrateStores(db, folder, STORES);
      expect(expand.map((r) => r.waiting)).toEqual([
        ["0003_rename_orders_total_to_amount_contract.sql"],
        ["0003_rename_items_sku_to_code_contract.sql"],
      ]);
      await rows(db, `insert into "orders" ("status", "total") values ('old-version', 30)`);
      await rows(db, `insert into "orders" ("status", "amount", "channel") values ('new-version', 40, 'app')`);
      await rows(db, `update "orders" set "total" = 11 where "status" = 'new'`);
      expect(await rows(db, `select "total", "amount" from "orders" order by "amount"`)).toEqual([
        { total: 11, amount: 11 },
        { total: 20, amount: 20 },
        { total: 30, amount: 30 },
        { total: 40, amount: 40 },
      ]);
      await migrateStores(db, folder, STORES, { contract: true });
      expect(
        await rows(db, `select "status", "amount", "channel", "currency" from "orders" order by "amount"`),
      ).toEqual([
        { status: "new", amount: 11, channel: "web", currency: "EUR" },
        { status: "paid", amount: 20, channel: "web", currency: "EUR" },
        { status: "old-version", amount: 30, channel: "web", currency: "EUR" },
        { status: "new-version", amount: 40, channel: "app", currency: "EUR" },
      ]);
      expect(await rows(db, `select data from "items"`)).toEqual([{ data: { code: "A-1", name: "pen" } }]);

      await generateMigrations(folder, evolutionModel(3));
      await migrateStores(db, folder, STORES);
      await rows(db, `insert into "lines" ("orderId", "sku") values ('00000000-0000-0000-0000-000000000002', 'B-2')`);
      await migrateStores(db, folder, STORES, { contract: true });
      expect(await rows(db, `select "orderId", "sku" from "orderLines" order by "sku"`)).toEqual([
        { orderId: "00000000-0000-0000-0000-000000000001", sku: "A-1" },
        { orderId: "00000000-0000-0000-0000-000000000002", sku: "B-2" },
      ]);
      const columns = await rows<{ column_name: string; data_type: string }>(
        db,
        `select column_name, data_type from information_schema.columns where table_name = 'orders' order by column_name`,
      );
      expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
        "amount bigint",
        "channel text",
        "currency text",
        "id uuid",
        "status text",
      ]);
      expect(await rows(db, `select count(*)::int as n from "orders"`)).toEqual([{ n: 4 }]);
      expect(
        await rows(db, `select count(*)::int as n from information_schema.views where table_name = 'lines'`),
      ).toEqual([{ n: 0 }]);
      expect((await migrateStores(db, folder, STORES, { contract: true })).flatMap((r) => r.applied)).toEqual([]);
    });

    it("rolls a failing migration back and names the file and the statement", async () => {
      current = target();
      handle = await current.open();
      const folder = await tempDir();
      await generateMigrations(folder, evolutionModel(1));
      const bad = join(folder, "db", "0002_bad.sql");
      await writeFile(bad, `create table "scratch" (x int);\ninsert into "missing" values (1);\n`);
      const failure = await migrateStores(handle.db, folder, ["db"]).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as Error).message).toContain(`migration ${bad} failed at statement 2 of 2`);
      expect((failure as Error).message).toContain('insert into "missing" values (1)');
      expect(await rows(handle.db, `select to_regclass('scratch') as t`)).toEqual([{ t: null }]);
      expect(await rows(handle.db, `select version from ${SCHEMA_MIGRATIONS_TABLE} where store = 'db'`)).toEqual([
        { version: 1 },
      ]);
    });

    it("refuses an applied migration whose text changed, and an expand migration queued behind a contract", async () => {
      current = target();
      handle = await current.open();
      const folder = await tempDir();
      await generateMigrations(folder, evolutionModel(1));
      await migrateStores(handle.db, folder, ["db"]);
      const first = join(folder, "db", "0001_initial.sql");
      const text = await readFile(first, "utf8");
      await writeFile(first, `${text}\n-- tweaked\n`);
      await expect(migrateStores(handle.db, folder, ["db"])).rejects.toThrow(
        `migration ${first} was changed after it was applied to this database`,
      );
      await writeFile(first, text);
      await generateMigrations(folder, evolutionModel(2));
      await writeFile(join(folder, "db", "0004_later.sql"), `create table "later" (x int);\n`);
      await expect(migrateStores(handle.db, folder, ["db"])).rejects.toThrow(
        /0004_later\.sql waits for contract migration 0003_/,
      );
    });
  });
}

evolution("schema evolution: PGlite", pglite);

describe.skipIf(!server.ok)(suiteTitle("schema evolution: PostgreSQL", server), () => {
  evolution("migrations", postgres);

  it("lets one of two concurrent migrators apply each migration while the other waits", async () => {
    const target = postgres();
    const [a, b] = [await target.open(), await target.open()];
    try {
      const folder = await tempDir();
      await generateMigrations(folder, evolutionModel(1));
      await generateMigrations(folder, evolutionModel(2));
      const [first, second] = await Promise.all([
        migrateStores(a.db, folder, STORES, { contract: true }),
        migrateStores(b.db, folder, STORES, { contract: true }),
      ]);
      const applied = [...first, ...second].flatMap((r) => r.applied.map((name) => `${r.store}/${name}`)).sort();
      expect(applied).toEqual([
        "catalog/0001_initial.sql",
        "catalog/0002_rename_items_sku_to_code.sql",
        "catalog/0003_rename_items_sku_to_code_contract.sql",
        "db/0001_initial.sql",
        "db/0002_rename_orders_total_to_amount.sql",
        "db/0003_rename_orders_total_to_amount_contract.sql",
      ]);
      expect(await rows(a.db, `select count(*)::int as n from ${SCHEMA_MIGRATIONS_TABLE}`)).toEqual([{ n: 6 }]);
    } finally {
      await a.close();
      await b.close();
      await target.dispose();
    }
  });
});

describe("contract migrations on a fresh database", () => {
  it("apply at once where no migration ran, and wait where the model's tables were created before", async () => {
    const folder = await tempDir();
    await generateMigrations(folder, evolutionModel(1));
    await generateMigrations(folder, evolutionModel(2));
    const fresh = await openDatabase("pglite://memory");
    const legacy = await openDatabase("pglite://memory");
    try {
      const all = await migrateStores(fresh.db, folder, ["db"]);
      expect(all.map((r) => [r.applied.length, r.waiting])).toEqual([[3, []]]);
      await runMigrations(legacy.db, planMigrations(evolutionModel(1), { runtimeTables: false }));
      const waiting = await migrateStores(legacy.db, folder, ["db"]);
      expect(waiting.map((r) => r.waiting)).toEqual([["0003_rename_orders_total_to_amount_contract.sql"]]);
    } finally {
      await fresh.close();
      await legacy.close();
    }
  });
});

describe("a service starting on its migrations folder", () => {
  const env = { DATABASE_URL: "pglite://memory", LOG_LEVEL: "silent" };
  const handlers = { ping: async () => ({ status: 200 as const, body: null }) };

  it("applies its pending migrations before it listens", async () => {
    const folder = await tempDir();
    await generateMigrations(folder, evolutionModel(1));
    const running = await startService({
      model: evolutionModel(1),
      service: "shop",
      handlers,
      env,
      port: 0,
      migrations: folder,
    });
    try {
      expect(
        await rows(running.db!.db, `select store, version from ${SCHEMA_MIGRATIONS_TABLE} order by store`),
      ).toEqual([
        { store: "catalog", version: 1 },
        { store: "db", version: 1 },
      ]);
    } finally {
      await running.close();
    }
  });

  it("does not start when a migration fails, naming the migration and the statement", async () => {
    const folder = await tempDir();
    await generateMigrations(folder, evolutionModel(1));
    await writeFile(join(folder, "db", "0002_typo.sql"), `alter table "orders" add column "x" txet;\n`);
    await expect(
      startService({ model: evolutionModel(1), service: "shop", handlers, env, port: 0, migrations: folder }),
    ).rejects.toThrow(
      /migration .*0002_typo\.sql failed at statement 1 of 1: type "txet" does not exist\nalter table "orders" add column "x" txet/,
    );
  });
});
