import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../src/runtime/contracts.js";
import { openDatabase, planMigrations, runMigrations } from "../../../src/runtime/db/index.js";
import { createEventBus, MemoryTransport, schedulePruning, silentLogger } from "../../../src/runtime/events/index.js";
import { startService } from "../../../src/runtime/index.js";
import { busModel, waitUntil } from "./fixture.js";

const DAY = 86_400_000;
const model = busModel();
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openDatabase("pglite://memory");
  await runMigrations(handle.db, planMigrations(model));
});
afterAll(async () => {
  await handle?.close();
});

async function mark(group: string, id: string, ageMs: number): Promise<void> {
  await sql`insert into archkit_processed_messages (consumer_group, event_id, processed_at)
    values (${group}, ${id}, ${new Date(Date.now() - ageMs)})`.execute(handle.db);
}

async function marks(): Promise<string[]> {
  const rows = await sql<{
    event_id: string;
  }>`select event_id from archkit_processed_messages order by event_id`.execute(handle.db);
  return rows.rows.map((r) => r.event_id);
}

describe("pruning of the processed-message table", () => {
  it("deletes marks older than the retention on its timer, keeps the younger ones, and stops", async () => {
    await mark("g", "old", 3 * DAY);
    await mark("g", "young", DAY / 2);
    const pruned: number[] = [];
    const stop = schedulePruning(handle.db, {
      retentionMs: DAY,
      intervalMs: 20,
      logger: silentLogger,
      onPruned: (n) => pruned.push(n),
    });
    await waitUntil(() => pruned.length >= 2);
    await stop();
    expect(pruned[0]).toBe(1);
    expect(await marks()).toEqual(["young"]);
    const runs = pruned.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(pruned.length).toBe(runs);
    await sql`delete from archkit_processed_messages`.execute(handle.db);
  });

  it("logs a failed run and keeps going, never throws", async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_: object, message: string) => void warnings.push(message) };
    const broken = {
      deleteFrom: () => ({ where: () => ({ executeTakeFirst: () => Promise.reject(new Error("gone")) }) }),
    };
    const stop = schedulePruning(broken as never, { retentionMs: DAY, intervalMs: 10, logger });
    await waitUntil(() => warnings.length >= 2);
    await stop();
    expect(warnings[0]).toMatch(/pruning processed marks failed/);
  });

  it("runs with a consuming bus: the retention the bus is given applies", async () => {
    await mark("busdemo.billing", "ancient", 30 * DAY);
    const bus = createEventBus({
      model,
      service: "billing",
      transport: new MemoryTransport(),
      db: handle.db,
      handlers: { bill: async () => undefined },
      processed: { retentionMs: 14 * DAY, intervalMs: 20 },
    });
    await bus.start();
    let left = ["ancient"];
    await waitUntil(() => {
      void marks().then((m) => (left = m));
      return !left.includes("ancient");
    });
    await bus.stop();
  });

  it("takes ARCHKIT_PROCESSED_RETENTION as a duration and refuses anything else, naming the variable", async () => {
    const start = (value: string) =>
      startService({
        model,
        service: "audit",
        handlers: { ping: async () => ({ status: 200 }) },
        consumers: { record: async () => undefined, recordInvoice: async () => undefined },
        env: { ARCHKIT_PROCESSED_RETENTION: value, LOG_LEVEL: "silent" },
        port: 0,
        host: "127.0.0.1",
      });
    await expect(start("two weeks")).rejects.toThrow(
      'ARCHKIT_PROCESSED_RETENTION="two weeks" is not a duration; expected e.g. ARCHKIT_PROCESSED_RETENTION=14d',
    );
    const running = await start("14d");
    await running.close();
  });
});
