import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { compileSpec } from "../../../src/model/index.js";
import type { DatabaseHandle } from "../../../src/runtime/contracts.js";
import { openDatabase, planMigrations, runMigrations } from "../../../src/runtime/db/index.js";
import {
  createEnvelope,
  MemoryBroker,
  MemoryTransport,
  OutboxRelay,
  writeOutbox,
} from "../../../src/runtime/events/index.js";

/**
 * Outbox relay throughput on PostgreSQL: rows written by concurrent transactions, then relayed
 * (claim with FOR UPDATE SKIP LOCKED, send to the memory transport, delete, commit) by one and
 * by two relays, until a consumer has every event (after one untimed warm-up round). Uses a fresh database on
 * ARCHKIT_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) and drops it.
 * Run: npx tsx bench/runtime/events/outbox-relay.bench.ts
 */

const ADMIN_URL = process.env.ARCHKIT_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const COUNT = Number(process.env.BENCH_EVENTS ?? 20_000);
const WRITERS = 20;
const PER_TX = 10;
const TOPIC = "bench.outbox";
const SPEC = `archkit: 1
system: { name: bench, title: Bench }
services:
  producer:
    stores: [db]
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
stores:
  db: { kind: postgres, tables: { items: { columns: { id: { type: integer, primaryKey: true } } } } }
`;

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(text);
  await client.end();
}

/** Writes COUNT envelopes from WRITERS concurrent loops, PER_TX per transaction. */
async function fill(handle: DatabaseHandle): Promise<number> {
  const start = performance.now();
  const perWriter = Math.ceil(COUNT / WRITERS);
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < perWriter; i += PER_TX) {
        const batch = Array.from({ length: Math.min(PER_TX, perWriter - i) }, (_, j) =>
          createEnvelope({ type: "Tick", topic: TOPIC, key: `w${w}`, payload: { w, n: i + j } }),
        );
        await handle.db.transaction().execute((tx) => writeOutbox(tx, batch));
      }
    }),
  );
  return performance.now() - start;
}

async function relay(handles: readonly DatabaseHandle[], batchSize: number): Promise<number> {
  const broker = new MemoryBroker();
  const consumer = new MemoryTransport({ broker });
  const expected = Math.ceil(COUNT / WRITERS) * WRITERS;
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.subscribe({
    topic: TOPIC,
    group: "bench",
    handler: async () => void (++received === expected && done()),
  });
  await consumer.start();
  const start = performance.now();
  const relays = handles.map(
    (h) => new OutboxRelay({ db: h.db, transport: new MemoryTransport({ broker }), batchSize, pollMs: 50 }),
  );
  relays.forEach((r) => r.start());
  await finished;
  const ms = performance.now() - start;
  await Promise.all(relays.map((r) => r.stop()));
  await consumer.stop();
  return ms;
}

function report(label: string, events: number, ms: number): void {
  console.log(
    `${label.padEnd(44)} ${events.toLocaleString("en-US").padStart(8)} events  ${ms.toFixed(0).padStart(6)} ms  ${Math.round(
      (events / ms) * 1000,
    )
      .toLocaleString("en-US")
      .padStart(8)} events/s`,
  );
}

const name = `archkit_bench_${randomBytes(4).toString("hex")}`;
await admin(`create database ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const first = await openDatabase(url.toString(), { poolSize: WRITERS });
const second = await openDatabase(url.toString());
try {
  await runMigrations(first.db, planMigrations(compileSpec(SPEC, "bench.yaml").model!));
  const events = Math.ceil(COUNT / WRITERS) * WRITERS;
  await fill(first);
  await relay([first], 100);
  console.log(
    `outbox relay on PostgreSQL, ${events.toLocaleString("en-US")} events, ${WRITERS} writers x ${PER_TX} events per transaction`,
  );
  for (const [label, handles, batch] of [
    ["one relay, batches of 100", [first], 100],
    ["one relay, batches of 500", [first], 500],
    ["two relays, batches of 100", [first, second], 100],
  ] as const) {
    report(`  write (${WRITERS} concurrent transactions)`, events, await fill(first));
    report(`  relay: ${label}`, events, await relay(handles, batch));
  }
} finally {
  await second.close();
  await first.close();
  await admin(`drop database if exists ${name} with (force)`);
}
