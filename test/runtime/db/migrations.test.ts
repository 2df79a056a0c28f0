import { describe, expect, it } from "vitest";
import { compileSpec, type Model } from "../../../src/model/index.js";
import {
  constraintName,
  DatabaseUrlError,
  databaseUrlFromEnv,
  defaultSql,
  MigrationPlanError,
  migrationSql,
  openDatabase,
  parseDatabaseUrl,
  planMigrations,
  runMigrations,
} from "../../../src/runtime/db/index.js";
import { shopModel } from "./shop.js";
import { readCatalog } from "./catalog.js";

const MINI = `archkit: 1
system: { name: mini, title: Mini }
services:
  shop:
    stores: [shopDb, docs]
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
stores:
  shopDb:
    kind: postgres
    tables:
      lines:
        columns:
          id: { type: bigserial, primaryKey: true }
          orderId: { type: uuid, references: orders.id }
          sku: { type: text }
          note: { type: text, nullable: true, default: "it's new" }
          ratio: { type: double, default: 0.5 }
          gift: { type: boolean, default: false }
        unique: [[orderId, sku]]
      orders:
        columns:
          id: { type: uuid, primaryKey: true, default: gen_random_uuid() }
          firstLine: { type: bigint, nullable: true, references: lines.id }
          placedAt: { type: timestamptz, default: CURRENT_TIMESTAMP }
  docs:
    kind: document
    collections:
      notes: { schema: Note, indexes: [author, meta.lang] }
schemas:
  Note: { type: object }
`;

function mini(): Model {
  const result = compileSpec(MINI, "mini.yaml");
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.model!;
}

describe("migration SQL", () => {
  it("is deterministic and covers only the stores of the named service", async () => {
    const model = await shopModel();
    expect(migrationSql(planMigrations(model))).toBe(migrationSql(planMigrations(model)));
    expect(planMigrations(model, { service: "orders" }).map((m) => m.name)).toEqual([
      "store:ordersDb",
      "store:reportingDb",
      "runtime:outbox",
      "runtime:processed-messages",
    ]);
    expect(planMigrations(model, { service: "products", runtimeTables: false }).map((m) => m.name)).toEqual([
      "store:catalog",
      "store:inventoryDb",
    ]);
  });

  it("turns defaults into SQL: expressions, literals and quoted strings", () => {
    expect(defaultSql("now()")).toBe("now()");
    expect(defaultSql("gen_random_uuid()")).toBe("gen_random_uuid()");
    expect(defaultSql("CURRENT_TIMESTAMP")).toBe("CURRENT_TIMESTAMP");
    expect(defaultSql(0)).toBe("0");
    expect(defaultSql(2.5)).toBe("2.5");
    expect(defaultSql(true)).toBe("true");
    expect(defaultSql("pending")).toBe("'pending'");
    expect(defaultSql("it's")).toBe("'it''s'");
    expect(defaultSql("now(); drop table x")).toBe("'now(); drop table x'");
  });

  it("writes columns, composite unique, foreign keys in dependency order, and JSONB field indexes", () => {
    const text = migrationSql(planMigrations(mini(), { runtimeTables: false }));
    expect(text).toContain(`"note" text default 'it''s new'`);
    expect(text).toContain(`"ratio" double precision not null default 0.5`);
    expect(text).toContain(`"gift" boolean not null default false`);
    expect(text).toContain(`constraint "lines_orderId_sku_key" unique ("orderId", "sku")`);
    expect(text.indexOf(`create table if not exists "orders"`)).toBeLessThan(
      text.indexOf(`create table if not exists "lines"`),
    );
    expect(text).toContain(`constraint "lines_orderId_fkey" foreign key ("orderId") references "orders" ("id")`);
    expect(text).toContain(
      `alter table "orders" add constraint "orders_firstLine_fkey" foreign key ("firstLine") references "lines" ("id")`,
    );
    expect(text).toContain(
      `create index if not exists "notes_data_meta_lang_idx" on "notes" ((data #>> '{"meta","lang"}'))`,
    );
  });

  it("shortens long constraint names deterministically within PostgreSQL's 63 bytes", () => {
    const name = constraintName("a".repeat(40), ["b".repeat(40)], "idx");
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name).toBe(constraintName("a".repeat(40), ["b".repeat(40)], "idx"));
    expect(name.endsWith("_idx")).toBe(true);
  });

  it("changes a migration's hash when its DDL changes", () => {
    const before = planMigrations(mini())[0]!;
    const after = planMigrations(
      compileSpec(MINI.replace("sku: { type: text }", "sku: { type: varchar }"), "mini.yaml").model!,
    )[0]!;
    expect(after.name).toBe(before.name);
    expect(after.hash).not.toBe(before.hash);
  });

  it("refuses an unknown service and two stores of one database with the same table", () => {
    expect(() => planMigrations(mini(), { service: "shp" })).toThrow(
      new MigrationPlanError('service "shp" is not declared in mini.yaml (services: shop)'),
    );
    const clash = compileSpec(MINI.replace("notes: { schema: Note", "lines: { schema: Note"), "mini.yaml").model!;
    expect(() => planMigrations(clash)).toThrow(/table "lines" is declared by both store shopDb and store docs/);
  });

  it("runs the mini model on PGlite: reference cycle resolved, field indexes created", async () => {
    const handle = await openDatabase("pglite://memory");
    try {
      const report = await runMigrations(handle.db, planMigrations(mini()));
      expect(report.applied).toEqual(["store:shopDb", "store:docs", "runtime:outbox", "runtime:processed-messages"]);
      expect((await runMigrations(handle.db, planMigrations(mini()))).applied).toEqual([]);
      const catalog = await readCatalog(handle.db);
      expect(catalog.foreignKeys).toEqual(
        expect.arrayContaining([
          { table: "lines", column: "orderId", refTable: "orders", refColumn: "id" },
          { table: "orders", column: "firstLine", refTable: "lines", refColumn: "id" },
        ]),
      );
      expect(catalog.indexes.map((i) => i.name)).toEqual(
        expect.arrayContaining(["notes_data_author_idx", "notes_data_meta_lang_idx"]),
      );
    } finally {
      await handle.close();
    }
  });
});

describe("DATABASE_URL", () => {
  it("defaults to embedded PGlite when DATABASE_URL is not set", () => {
    expect(databaseUrlFromEnv({})).toBe("pglite://memory");
    expect(databaseUrlFromEnv({ DATABASE_URL: " postgres://db/orders " })).toBe("postgres://db/orders");
  });

  it("picks the dialect from the scheme", () => {
    expect(parseDatabaseUrl("pglite://memory")).toEqual({ kind: "pglite" });
    expect(parseDatabaseUrl("pglite://./data/orders")).toEqual({ kind: "pglite", dataDir: "./data/orders" });
    expect(parseDatabaseUrl("pglite:///var/lib/orders")).toEqual({ kind: "pglite", dataDir: "/var/lib/orders" });
    expect(parseDatabaseUrl("postgres://app@db:5432/orders")).toEqual({
      kind: "postgres",
      url: "postgres://app@db:5432/orders",
    });
    expect(parseDatabaseUrl("postgresql://app@db/orders")).toEqual({
      kind: "postgres",
      url: "postgresql://app@db/orders",
    });
  });

  it("rejects other schemes with one clear line that hides the password", async () => {
    const error = await openDatabase("mysql://app:s3cret@db/orders").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUrlError);
    const message = (error as Error).message;
    expect(message).toBe(
      'DATABASE_URL "mysql://app:***@db/orders" scheme "mysql://" is not supported; expected postgres://user:password@host:5432/db, postgresql://..., pglite://memory or pglite://<directory>',
    );
    expect(() => parseDatabaseUrl("orders.db")).toThrow(/^DATABASE_URL "orders.db" is not a URL; expected/);
    expect(() => parseDatabaseUrl("")).toThrow(/^DATABASE_URL is empty/);
    expect(() => parseDatabaseUrl("postgres:///orders")).toThrow(/names no host/);
  });

  it("reports an unreachable server with the variable and masked URL", async () => {
    const error = await openDatabase("postgres://app:s3cret@127.0.0.1:1/orders").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect((error as Error).message).toMatch(
      /^cannot connect to DATABASE_URL "postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/orders": .*ECONNREFUSED/,
    );
  });
});

describe("pglite://<directory>", () => {
  it("keeps tables, rows and the migration record across a close and reopen", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "archkit-pglite-"));
    try {
      const first = await openDatabase(`pglite://${dir}/db`);
      await runMigrations(first.db, planMigrations(mini()));
      await first.db.insertInto("orders").defaultValues().execute();
      await first.close();
      const second = await openDatabase(`pglite://${dir}/db`);
      expect((await runMigrations(second.db, planMigrations(mini()))).applied).toEqual([]);
      expect(await second.db.selectFrom("orders").select("id").execute()).toHaveLength(1);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
