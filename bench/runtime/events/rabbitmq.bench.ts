import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import pg from "pg";
import { compileSpec } from "../../../src/model/index.js";
import type { DatabaseHandle, EventTransport } from "../../../src/runtime/contracts.js";
import { openDatabase, PROCESSED_TABLE, planMigrations, runMigrations } from "../../../src/runtime/db/index.js";
import {
  createEnvelope,
  createEventBus,
  MemoryBroker,
  MemoryTransport,
  modelTopics,
  RabbitMqTransport,
  serveBroker,
  SocketTransport,
  writeOutbox,
  type EventBus,
} from "../../../src/runtime/events/index.js";

/**
 * End-to-end event throughput per transport: WRITERS concurrent loops write events to the
 * outbox (PER_TX per transaction) while the producer's relay sends them and a consumer with two
 * replicas handles them, each in a transaction that records the processed mark; timed from the
 * first write until every mark is committed (after an untimed warm-up round). Transports: memory,
 * the embedded broker over TCP (what `archkit dev` runs) and RabbitMQ. PostgreSQL from
 * ARCHKIT_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test; a fresh database,
 * dropped afterwards), RabbitMQ from ARCHKIT_BENCH_AMQP_URL (default guest on 127.0.0.1:5672; a
 * fresh vhost made with rabbitmqctl, deleted afterwards).
 * Run: npm run bench:rabbitmq
 */

const PG_URL = process.env.ARCHKIT_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const AMQP_URL = process.env.ARCHKIT_BENCH_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const COUNT = Number(process.env.BENCH_EVENTS ?? 10_000);
const WRITERS = 10;
const PER_TX = 10;
const KEYS = 64;
const SPEC = `archkit: 1
system: { name: bench, title: Bench }
services:
  producer:
    stores: [db]
    endpoints:
      emit: { method: POST, path: /emit, responses: { 201: ~ }, publishes: [Tick] }
  consumer:
    stores: [db]
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
    consumes:
      Tick: { handler: onTick, retries: 2, backoff: 10ms, deadLetter: true }
stores:
  db: { kind: postgres, tables: { items: { columns: { id: { type: integer, primaryKey: true } } } } }
events:
  Tick: { schema: TickPayload, key: id, partitions: 8 }
schemas:
  TickPayload: { type: object, required: [id, n], properties: { id: { type: string }, n: { type: integer } } }
`;
const model = compileSpec(SPEC, "bench.yaml").model!;
const TOPIC = model.events[0]!.topic;

/** Makes the transports of one run: the producer's and one per consumer replica. */
type TransportMaker = { readonly label: string; make(name: string): EventTransport; close(): Promise<void> };

/** Milliseconds until the writers were done, and until every event was handled and committed. */
type Timing = { readonly writtenMs: number; readonly doneMs: number };

async function round(handle: DatabaseHandle, maker: TransportMaker, events: number): Promise<Timing> {
  await sql`truncate ${sql.table(PROCESSED_TABLE)}`.execute(handle.db);
  const buses: EventBus[] = [
    createEventBus({
      model,
      service: "producer",
      transport: maker.make("producer"),
      db: handle.db,
      relay: { pollMs: 20 },
    }),
    ...[1, 2].map((r) =>
      createEventBus({
        model,
        service: "consumer",
        transport: maker.make(`consumer-${r}`),
        db: handle.db,
        relay: { enabled: false },
        handlers: { onTick: async () => undefined },
      }),
    ),
  ];
  for (const bus of buses.slice(1)) await bus.start();
  await buses[0]!.start();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const start = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => write(handle, w, events / WRITERS)));
  const writtenMs = performance.now() - start;
  while ((await processed(handle)) < events) await new Promise((resolve) => setTimeout(resolve, 10));
  const doneMs = performance.now() - start;
  await Promise.all(buses.map((b) => b.stop()));
  return { writtenMs, doneMs };
}

async function write(handle: DatabaseHandle, writer: number, count: number): Promise<void> {
  for (let i = 0; i < count; i += PER_TX) {
    const batch = Array.from({ length: Math.min(PER_TX, count - i) }, (_, j) =>
      createEnvelope({
        type: "Tick",
        topic: TOPIC,
        key: `k${(writer * count + i + j) % KEYS}`,
        payload: { id: `w${writer}`, n: i + j },
      }),
    );
    await handle.db.transaction().execute((tx) => writeOutbox(tx, batch));
  }
}

async function processed(handle: DatabaseHandle): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::integer as n from ${sql.table(PROCESSED_TABLE)}`.execute(
    handle.db,
  );
  return result.rows[0]!.n;
}

async function makers(): Promise<TransportMaker[]> {
  const broker = new MemoryBroker();
  const server = await serveBroker({ broker: new MemoryBroker() });
  const list: TransportMaker[] = [
    { label: "memory", make: () => new MemoryTransport({ broker }), close: async () => undefined },
    {
      label: "embedded broker (socket)",
      make: () => new SocketTransport({ url: server.url }),
      close: () => server.close(),
    },
  ];
  const vhost = `archkit_bench_${randomBytes(4).toString("hex")}`;
  try {
    execFileSync("rabbitmqctl", ["-q", "add_vhost", vhost]);
    execFileSync("rabbitmqctl", [
      "-q",
      "set_permissions",
      "-p",
      vhost,
      new URL(AMQP_URL).username || "guest",
      ".*",
      ".*",
      ".*",
    ]);
  } catch (error) {
    console.log(`rabbitmq: skipped (rabbitmqctl cannot make a vhost: ${(error as Error).message.split("\n")[0]})`);
    return list;
  }
  const url = `${AMQP_URL.replace(/\/+$/, "")}/${vhost}`;
  list.push({
    label: "rabbitmq (quorum queues, confirms)",
    make: (name) =>
      new RabbitMqTransport({ url, clientId: `bench-${name}`, exchange: "bench", topics: modelTopics(model) }),
    close: async () => void execFileSync("rabbitmqctl", ["-q", "delete_vhost", vhost]),
  });
  return list;
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(text);
  await client.end();
}

const name = `archkit_bench_${randomBytes(4).toString("hex")}`;
await admin(`create database ${name}`);
const dbUrl = new URL(PG_URL);
dbUrl.pathname = `/${name}`;
const handle = await openDatabase(dbUrl.toString(), { poolSize: WRITERS + 10 });
const transports = await makers();
try {
  await runMigrations(handle.db, planMigrations(model));
  const events = Math.ceil(COUNT / (WRITERS * PER_TX)) * WRITERS * PER_TX;
  console.log(
    `events end to end (outbox write -> relay -> transport -> consumer x2 -> processed mark committed), PostgreSQL, ${events.toLocaleString("en-US")} events, ${WRITERS} writers x ${PER_TX} per transaction`,
  );
  for (const maker of transports) {
    await round(handle, maker, WRITERS * PER_TX * 10);
    const { writtenMs, doneMs } = await round(handle, maker, events);
    const rate = Math.round((events / doneMs) * 1000).toLocaleString("en-US");
    console.log(
      `  ${maker.label.padEnd(36)} ${doneMs.toFixed(0).padStart(7)} ms  ${rate.padStart(8)} events/s  (outbox writes done at ${writtenMs.toFixed(0)} ms)`,
    );
  }
} finally {
  for (const maker of transports) await maker.close();
  await handle.close();
  await admin(`drop database if exists ${name} with (force)`);
}
