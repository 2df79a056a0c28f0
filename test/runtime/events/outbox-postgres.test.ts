import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase, planMigrations, runMigrations } from "../../../src/runtime/db/index.js";
import {
  createEnvelope,
  MemoryBroker,
  MemoryTransport,
  OutboxRelay,
  writeOutbox,
} from "../../../src/runtime/events/index.js";
import { busModel, Inbox, ORDER_TOPIC } from "./fixture.js";
import { createTestDatabase, postgresServer, suiteTitle, type TestDatabase } from "../servers.js";
import { outboxContract } from "./outbox-contract.js";

const server = await postgresServer();

describe.skipIf(!server.ok)(suiteTitle("outbox and idempotent consumers: PostgreSQL", server), () => {
  let database: TestDatabase | undefined;
  outboxContract({
    async open() {
      if (!server.ok) throw new Error(server.reason);
      database = await createTestDatabase(server.url);
      return { first: await openDatabase(database.url), second: await openDatabase(database.url) };
    },
    dispose: () => database?.drop() ?? Promise.resolve(),
  });
});

describe.skipIf(!server.ok)(suiteTitle("outbox relay on PostgreSQL: SKIP LOCKED", server), () => {
  it("lets a second relay take the rows a first relay's open transaction has not claimed, and none of its rows", async () => {
    if (!server.ok) return;
    const database = await createTestDatabase(server.url);
    const holder = await openDatabase(database.url);
    const other = await openDatabase(database.url);
    try {
      await runMigrations(holder.db, planMigrations(busModel()));
      const envelopes = Array.from({ length: 6 }, (_, n) =>
        createEnvelope({ type: "OrderPlaced", topic: ORDER_TOPIC, key: `k${n}`, payload: { n } }),
      );
      await writeOutbox(holder.db, envelopes);
      const inbox = new Inbox();
      const broker = new MemoryBroker();
      const reader = new MemoryTransport({ broker });
      await reader.subscribe({ topic: ORDER_TOPIC, group: "g", handler: inbox.handler });
      await reader.start();
      const relay = new OutboxRelay({ db: other.db, transport: new MemoryTransport({ broker }), batchSize: 10 });
      await holder.db.transaction().execute(async (tx) => {
        const claimed = await sql`select seq from archkit_outbox order by seq limit 2 for update skip locked`.execute(
          tx,
        );
        expect(claimed.rows).toHaveLength(2);
        expect(await relay.relayOnce()).toBe(4);
      });
      expect(await relay.relayOnce()).toBe(2);
      await inbox.until((r) => r.length === 6);
      expect(inbox.ids()).toEqual([...envelopes.slice(2), ...envelopes.slice(0, 2)].map((e) => e.id));
      await reader.stop();
    } finally {
      await other.close();
      await holder.close();
      await database.drop();
    }
  });
});
