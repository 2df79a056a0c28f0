import { describe, expect, it } from "vitest";
import { json, openDatabase } from "../../../src/runtime/db/index.js";
import type { DatabaseHandle } from "../../../src/runtime/index.js";
import { createTestDatabase, postgresServer, suiteTitle } from "../servers.js";

const server = await postgresServer();

async function roundTrip(handle: DatabaseHandle): Promise<unknown[]> {
  try {
    await handle.db.schema.createTable("docs").addColumn("id", "integer").addColumn("value", "jsonb").execute();
    const values = [{ city: "Graz", lines: ["a", "b"] }, ["x", 1, null], "text", 42, null];
    await handle.db
      .insertInto("docs")
      .values(values.map((value, id) => ({ id, value: json(value) })))
      .execute();
    const rows = await handle.db.selectFrom("docs").select("value").orderBy("id").execute();
    return rows.map((r) => r.value);
  } finally {
    await handle.close();
  }
}

const WANT = [{ city: "Graz", lines: ["a", "b"] }, ["x", 1, null], "text", 42, null];

describe("json(value) for json/jsonb columns", () => {
  it("round-trips objects, arrays and scalars on PGlite", async () => {
    expect(await roundTrip(await openDatabase("pglite://memory"))).toEqual(WANT);
  });

  it.skipIf(!server.ok)(suiteTitle("round-trips objects, arrays and scalars on PostgreSQL", server), async () => {
    if (!server.ok) return;
    const database = await createTestDatabase(server.url);
    try {
      expect(await roundTrip(await openDatabase(database.url))).toEqual(WANT);
    } finally {
      await database.drop();
    }
  });
});
