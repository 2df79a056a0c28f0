import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Model, PostgresStore } from "../../../src/model/index.js";
import type { DatabaseHandle } from "../../../src/runtime/contracts.js";
import {
  documentCollection,
  MigrationError,
  planMigrations,
  runMigrations,
  type Migration,
  type MigrationReport,
} from "../../../src/runtime/db/index.js";
import { shopModel } from "./shop.js";
import { catalogType, readCatalog, type Catalog } from "./catalog.js";

/** How pg_indexes spells a column: quoted unless it is a lowercase identifier. */
function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

/** Opens an empty database for the suite and removes it afterwards. */
export interface DatabaseFactory {
  open(): Promise<DatabaseHandle>;
  dispose?(): Promise<void>;
}

/**
 * The contract every database dialect passes: the shop model's migrations create exactly the
 * declared tables, re-running them changes nothing, document stores work and transactions roll back.
 * Call inside a describe block.
 */
export function databaseContract(factory: DatabaseFactory, dialect: DatabaseHandle["dialect"]): void {
  let handle: DatabaseHandle;
  let model: Model;
  let migrations: Migration[];
  let first: MigrationReport;
  let catalog: Catalog;

  beforeAll(async () => {
    model = await shopModel();
    migrations = planMigrations(model);
    handle = await factory.open();
    first = await runMigrations(handle.db, migrations);
    catalog = await readCatalog(handle.db);
  });

  afterAll(async () => {
    await handle?.close();
    await factory.dispose?.();
  });

  const postgresStores = (): PostgresStore[] => model.stores.filter((s): s is PostgresStore => s.kind === "postgres");

  it("opens the expected dialect and answers ping", async () => {
    expect(handle.dialect).toBe(dialect);
    expect(await handle.ping()).toBe(true);
  });

  it("applies every migration of the shop model once, recorded by hash", async () => {
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    expect(first.skipped).toEqual([]);
    const recorded = await handle.db
      .selectFrom("archkit_migrations")
      .select(["hash", "name"])
      .orderBy("name")
      .execute();
    expect(recorded).toEqual(
      migrations.map((m) => ({ hash: m.hash, name: m.name })).sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it("creates every column with its type, nullability and default", () => {
    for (const table of postgresStores().flatMap((s) => s.tables)) {
      const actual = catalog.columns.filter((c) => c.table === table.name);
      expect(
        actual.map((c) => c.column),
        table.name,
      ).toEqual(table.columns.map((c) => c.name));
      for (const column of table.columns) {
        const found = actual.find((c) => c.column === column.name)!;
        expect(
          { type: found.type, nullable: found.nullable, hasDefault: found.default !== null },
          `${table.name}.${column.name}`,
        ).toEqual({
          type: catalogType(column.type),
          nullable: column.nullable,
          hasDefault: column.default !== undefined,
        });
      }
    }
    const column = (table: string, name: string) =>
      catalog.columns.find((c) => c.table === table && c.column === name)!;
    expect(column("users", "id").default).toBe("gen_random_uuid()");
    expect(column("users", "createdAt").default).toBe("now()");
    expect(column("stock", "lowStockThreshold").default).toBe("10");
    expect(column("users", "phone").nullable).toBe(true);
  });

  it("creates primary keys, unique constraints, foreign keys and indexes", () => {
    const tables = postgresStores().flatMap((s) => s.tables);
    for (const table of tables) {
      const pk = catalog.constraints.find((c) => c.table === table.name && c.kind === "PRIMARY KEY");
      expect(pk?.columns, table.name).toBe(table.primaryKey.join(","));
      for (const column of table.columns.filter((c) => c.unique)) {
        expect(
          catalog.constraints.some((c) => c.table === table.name && c.kind === "UNIQUE" && c.columns === column.name),
          `${table.name}.${column.name} unique`,
        ).toBe(true);
      }
      for (const column of table.columns.filter((c) => c.references)) {
        expect(catalog.foreignKeys, `${table.name}.${column.name} references`).toContainEqual({
          table: table.name,
          column: column.name,
          refTable: column.references!.table,
          refColumn: column.references!.column,
        });
      }
      for (const column of table.columns.filter((c) => c.index && !c.unique && !c.primaryKey)) {
        const index = catalog.indexes.find(
          (i) =>
            i.table === table.name &&
            i.name === `${table.name}_${column.name}_idx` &&
            i.definition.includes(`btree (${sqlName(column.name)})`),
        );
        expect(index, `${table.name}.${column.name} index`).toBeDefined();
      }
    }
    expect(catalog.constraints).toContainEqual({
      table: "users",
      name: "users_email_key",
      kind: "UNIQUE",
      columns: "email",
    });
    expect(catalog.indexes.map((i) => i.name)).toContain("orders_customerId_idx");
  });

  it("creates document collections as JSONB tables and the runtime tables", () => {
    const shape = (table: string) =>
      catalog.columns
        .filter((c) => c.table === table)
        .map((c) => `${c.column}:${c.type}:${c.nullable ? "null" : "not null"}`);
    for (const table of ["products", "categories"]) {
      expect(shape(table)).toEqual([
        "id:text:not null",
        "data:jsonb:not null",
        "created_at:timestamp with time zone:not null",
        "updated_at:timestamp with time zone:not null",
      ]);
    }
    expect(catalog.constraints).toContainEqual({
      table: "archkit_processed_messages",
      name: "archkit_processed_messages_pkey",
      kind: "PRIMARY KEY",
      columns: "consumer_group,event_id",
    });
    expect(shape("archkit_outbox").map((c) => c.split(":")[0])).toEqual([
      "seq",
      "event_id",
      "event_type",
      "topic",
      "key",
      "payload",
      "headers",
      "correlation_id",
      "occurred_at",
      "created_at",
    ]);
  });

  it("re-running the migrations is a no-op", async () => {
    const again = await runMigrations(handle.db, planMigrations(model));
    expect(again).toEqual({ applied: [], skipped: migrations.map((m) => m.name) });
    expect(await readCatalog(handle.db)).toEqual(catalog);
    const count = await handle.db
      .selectFrom("archkit_migrations")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(migrations.length);
  });

  it("applies defaults and enforces not null, unique and foreign keys", async () => {
    const user = await handle.db
      .insertInto("users")
      .values({ email: `a-${dialect}@example.com`, passwordHash: "h", name: "Ada", role: "customer" })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(user.phone).toBeNull();
    await expect(
      handle.db
        .insertInto("users")
        .values({ email: `a-${dialect}@example.com`, passwordHash: "h", name: "Bob", role: "customer" })
        .execute(),
    ).rejects.toThrow(/users_email_key/);
    await expect(
      handle.db
        .insertInto("users")
        .values({ email: `b-${dialect}@example.com`, passwordHash: "h", name: null, role: "customer" })
        .execute(),
    ).rejects.toThrow(/null value/);
    await expect(
      handle.db
        .insertInto("addresses")
        .values({
          userId: "00000000-0000-4000-8000-000000000000",
          line1: "x",
          city: "x",
          postalCode: "x",
          country: "x",
        })
        .execute(),
    ).rejects.toThrow(/addresses_userId_fkey/);
    const stock = await handle.db
      .insertInto("stock")
      .values({ productId: "00000000-0000-4000-8000-000000000001" })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(stock).toMatchObject({ available: 0, reserved: 0, lowStockThreshold: 10 });
  });

  it("stores, finds, replaces and deletes documents", async () => {
    const products = documentCollection<{ name: string; category: string; tags?: string[] }>(handle.db, "products");
    await products.put("p1", { name: "Boot", category: "shoes", tags: ["winter"] });
    await products.put("p2", { name: "Hat", category: "hats" });
    await products.put("p3", { name: "Sandal", category: "shoes" });
    const before = await products.get("p1");
    expect(before?.data).toEqual({ name: "Boot", category: "shoes", tags: ["winter"] });
    expect((await products.find({ category: "shoes" })).map((d) => d.id)).toEqual(["p1", "p3"]);
    expect((await products.find({ category: "shoes" }, { limit: 1, offset: 1 })).map((d) => d.id)).toEqual(["p3"]);
    await products.put("p1", { name: "Boot II", category: "shoes" });
    const after = await products.get("p1");
    expect(after?.data).toEqual({ name: "Boot II", category: "shoes" });
    expect(after?.createdAt.getTime()).toBe(before?.createdAt.getTime());
    expect(await products.delete("p2")).toBe(true);
    expect(await products.delete("p2")).toBe(false);
    expect(await products.get("p2")).toBeUndefined();
  });

  it("keeps JSON arrays and strings intact in JSONB documents", async () => {
    const odd = documentCollection<unknown>(handle.db, "categories");
    await odd.put("list", [1, "two", { three: 3 }]);
    await odd.put("text", "just a string");
    expect((await odd.get("list"))?.data).toEqual([1, "two", { three: 3 }]);
    expect((await odd.get("text"))?.data).toBe("just a string");
  });

  it("rolls back a failed transaction and commits a successful one", async () => {
    const id = "00000000-0000-4000-8000-0000000000aa";
    await expect(
      handle.db.transaction().execute(async (tx) => {
        await tx.insertInto("dailySales").values({ day: "2026-01-01" }).execute();
        await documentCollection(tx, "products").put("rolled-back", { name: "x" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await handle.db.selectFrom("dailySales").selectAll().where("day", "=", "2026-01-01").execute()).toEqual([]);
    expect(await documentCollection(handle.db, "products").get("rolled-back")).toBeUndefined();
    await handle.db.transaction().execute(async (tx) => {
      await tx.insertInto("stock").values({ productId: id, available: 5 }).execute();
    });
    expect(
      await handle.db.selectFrom("stock").select("available").where("productId", "=", id).executeTakeFirst(),
    ).toEqual({ available: 5 });
  });

  it("applies nothing when a migration fails, and says which statement", async () => {
    const broken: Migration[] = [
      {
        name: "test:good",
        statements: ["create table if not exists contract_good (id integer primary key)"],
        hash: `good-${dialect}`,
      },
      {
        name: "test:bad",
        statements: ["create table contract_bad (id integer primary key)", "create index on contract_missing (id)"],
        hash: `bad-${dialect}`,
      },
    ];
    const failure = await runMigrations(handle.db, broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(/^migration test:bad failed at statement 2 of 2: .*contract_missing/);
    const tables = await sql<{
      n: number;
    }>`select count(*)::integer as n from information_schema.tables where table_name in ('contract_good', 'contract_bad')`.execute(
      handle.db,
    );
    expect(tables.rows[0]?.n).toBe(0);
  });

  it("serializes concurrent migration runs", async () => {
    const extra: Migration[] = [
      {
        name: "test:concurrent",
        statements: ["create table if not exists contract_concurrent (id integer primary key)"],
        hash: `concurrent-${dialect}`,
      },
    ];
    const reports = await Promise.all([
      runMigrations(handle.db, extra),
      runMigrations(handle.db, extra),
      runMigrations(handle.db, extra),
    ]);
    expect(reports.flatMap((r) => r.applied)).toEqual(["test:concurrent"]);
    expect(reports.flatMap((r) => r.skipped)).toEqual(["test:concurrent", "test:concurrent"]);
  });
}
