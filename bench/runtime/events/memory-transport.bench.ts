import { performance } from "node:perf_hooks";
import { compileSpec } from "../../../src/model/index.js";
import type { EventEnvelope } from "../../../src/runtime/contracts.js";
import { createEnvelope, createEventBus, MemoryBroker, MemoryTransport } from "../../../src/runtime/events/index.js";

/**
 * Memory transport throughput: envelopes sent in batches, consumed by one group, by two
 * consumers sharing a group, and by two groups; then end to end through two event buses
 * (validated publish, validated consume). Run: npx tsx bench/runtime/events/memory-transport.bench.ts
 */

const COUNT = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = 500;
const KEYS = 64;

const SPEC = `archkit: 1
system: { name: bench, title: Bench }
services:
  producer:
    endpoints:
      emit: { method: POST, path: /emit, responses: { 201: ~ }, publishes: [Tick] }
  consumer:
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
    consumes:
      Tick: { handler: onTick, deadLetter: true }
events:
  Tick: { schema: TickPayload, key: id, partitions: 8 }
schemas:
  TickPayload: { type: object, required: [id, n], properties: { id: { type: string }, n: { type: integer } } }
`;

function envelopes(topic: string): EventEnvelope[] {
  return Array.from({ length: COUNT }, (_, n) =>
    createEnvelope({ type: "Tick", topic, key: `k${n % KEYS}`, payload: { id: `k${n % KEYS}`, n } }),
  );
}

async function run(label: string, consumers: readonly { group: string }[]): Promise<void> {
  const broker = new MemoryBroker();
  const topic = `bench.${label}`;
  let received = 0;
  const expected = COUNT * new Set(consumers.map((c) => c.group)).size;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const transports: MemoryTransport[] = [];
  for (const consumer of consumers) {
    const transport = new MemoryTransport({ broker });
    await transport.subscribe({
      topic,
      group: consumer.group,
      handler: async () => void (++received === expected && done()),
    });
    await transport.start();
    transports.push(transport);
  }
  const producer = new MemoryTransport({ broker });
  await producer.start();
  const list = envelopes(topic);
  const start = performance.now();
  for (let i = 0; i < list.length; i += BATCH) await producer.send(list.slice(i, i + BATCH));
  await finished;
  report(label, expected, performance.now() - start);
  await Promise.all([producer, ...transports].map((t) => t.stop()));
}

async function endToEnd(): Promise<void> {
  const model = compileSpec(SPEC, "bench.yaml").model!;
  const broker = new MemoryBroker();
  const total = Math.min(COUNT, 100_000);
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const consumer = createEventBus({
    model,
    service: "consumer",
    transport: new MemoryTransport({ broker }),
    handlers: { onTick: async () => void (++received === total && done()) },
  });
  const producer = createEventBus({ model, service: "producer", transport: new MemoryTransport({ broker }) });
  await Promise.all([consumer.start(), producer.start()]);
  const start = performance.now();
  for (let n = 0; n < total; n++) await producer.publish("Tick", { id: `k${n % KEYS}`, n });
  await finished;
  report("bus publish -> consume (validated both ends, one at a time)", total, performance.now() - start);
  await Promise.all([consumer.stop(), producer.stop()]);
}

function report(label: string, events: number, ms: number): void {
  console.log(
    `${label.padEnd(62)} ${events.toLocaleString("en-US").padStart(9)} events  ${ms.toFixed(0).padStart(6)} ms  ${Math.round(
      (events / ms) * 1000,
    )
      .toLocaleString("en-US")
      .padStart(9)} events/s`,
  );
}

console.log(
  `memory transport, ${COUNT.toLocaleString("en-US")} envelopes, ${KEYS} keys, 8 partitions, batches of ${BATCH}`,
);
await run("one group, one consumer", [{ group: "a" }]);
await run("one group, two consumers sharing the partitions", [{ group: "a" }, { group: "a" }]);
await run("two groups (every event delivered twice)", [{ group: "a" }, { group: "b" }]);
await endToEnd();
