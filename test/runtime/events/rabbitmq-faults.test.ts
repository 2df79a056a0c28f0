import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ConsumeMessage } from "amqplib";
import { createEnvelope, fromAmqpMessage, HEADERS } from "../../../src/runtime/events/index.js";
import { createTestVhost, rabbitmqServer, suiteTitle, type TestVhost } from "../servers.js";
import { ORDER_DLQ, ORDER_TOPIC, sleep, waitUntil } from "./fixture.js";
import { RabbitSystem } from "./rabbitmq-system.js";

const server = await rabbitmqServer();

describe.skipIf(!server.ok)(suiteTitle("rabbitmq transport under faults (outbox, processed table)", server), () => {
  let vhost: TestVhost;
  let system: RabbitSystem;

  beforeAll(async () => {
    if (server.ok) vhost = await createTestVhost(server.url);
  });
  afterAll(async () => {
    await vhost?.delete();
  });
  beforeEach(async () => {
    system = new RabbitSystem(vhost.url);
    await system.open();
  });
  afterEach(async () => {
    await system.close();
  });

  const settled = async (expected: number, timeoutMs = 60_000) => {
    await waitUntil(
      () => system.runs.size >= expected,
      timeoutMs,
      () => `${system.runs.size} of ${expected} handled`,
    );
    await sleep(1_000);
  };

  it("loses nothing and runs no handler twice when every connection is closed while the relay publishes", async () => {
    const orders = await system.orders();
    await system.billing();
    await system.billing();
    await sleep(500);
    const placing = system.placeOrders(orders, 1_500);
    await waitUntil(() => system.runs.size > 100, 30_000);
    await vhost.closeConnections();
    await waitUntil(() => system.runs.size > 700, 30_000);
    await vhost.closeConnections();
    const sent = await placing;
    await settled(sent.length);
    expect(system.logged.get("rabbitmq: connection lost")).toBeGreaterThanOrEqual(6);
    expect(system.logged.get("rabbitmq: reconnected")).toBeGreaterThanOrEqual(6);
    expect(system.twice()).toEqual([]);
    expect([...system.runs.keys()].sort()).toEqual(sent.map((e) => e.id).sort());
    expect(await system.count("invoices")).toBe(sent.length);
    expect(await system.count("outbox")).toBe(0);
    expect(await orders.ready()).toBe(true);
  }, 120_000);

  it("redelivers what was not acknowledged when connections close mid-consumption, and the processed table skips what was done", async () => {
    const orders = await system.orders();
    const slow = async () => sleep(20);
    const replicas = [await system.billing(slow), await system.billing(slow)];
    await sleep(500);
    const sent = await system.placeOrders(orders, 1_000, 50);
    await waitUntil(() => system.runs.size > 50, 30_000);
    await vhost.closeConnections();
    await waitUntil(() => system.runs.size > 400, 30_000);
    await vhost.closeConnections();
    await settled(sent.length);
    expect(system.logged.get("rabbitmq: reconnected")).toBeGreaterThanOrEqual(6);
    expect(system.logged.get("event already processed; skipped")).toBeGreaterThan(0);
    expect(system.twice()).toEqual([]);
    expect(system.runs.size).toBe(sent.length);
    expect(await system.count("invoices")).toBe(sent.length);
    expect(await system.count("processed")).toBe(sent.length);
    expect(system.perReplica.every((n) => n > 0)).toBe(true);
    for (const replica of replicas) expect(await replica.ready()).toBe(true);
  }, 120_000);

  it("dead-letters a poison event into <topic>.dlq after the configured attempts, with the error headers, and handles the rest", async () => {
    const orders = await system.orders();
    const attempts: number[] = [];
    await system.billing(async (payload, ctx) => {
      if (payload.total === 13) {
        attempts.push(ctx.attempt);
        throw new Error("card declined");
      }
    });
    await sleep(300);
    const sent = await system.placeOrders(orders, 30);
    const poison = sent.find((e) => (e.payload as { total: number }).total === 13)!;
    await waitUntil(() => system.runs.size >= 30, 30_000);
    const dead = await waitForDeadLetter(vhost.url, poison.id);
    expect(attempts).toEqual([1, 2, 3]);
    expect(dead).toMatchObject({ id: poison.id, topic: ORDER_DLQ, type: "OrderPlaced", payload: poison.payload });
    expect(dead.headers).toMatchObject({
      [HEADERS.error]: "card declined",
      [HEADERS.attempts]: "3",
      [HEADERS.originalTopic]: ORDER_TOPIC,
      [HEADERS.consumerGroup]: "busdemo.billing",
    });
    expect(await system.count("invoices")).toBe(29);
  }, 60_000);

  it("handles 10,000 events through a consumer with two replicas exactly once, in order per key", async () => {
    const producer = system.transport("producer");
    await producer.start();
    const order: string[][] = [[], []];
    const replicas = [0, 1];
    for (const r of replicas) await system.billing(async (payload) => void order[r]!.push(payload.orderId));
    await sleep(800);
    const keys = Array.from({ length: 64 }, (_, k) => `customer-${k}`);
    const sent = Array.from({ length: 10_000 }, (_, n) =>
      createEnvelope({
        type: "OrderPlaced",
        topic: ORDER_TOPIC,
        key: keys[n % keys.length],
        payload: { orderId: `o-${n}`, total: n },
      }),
    );
    for (let i = 0; i < sent.length; i += 500) await producer.send(sent.slice(i, i + 500));
    await settled(sent.length, 120_000);
    await producer.stop();
    expect(system.twice()).toEqual([]);
    expect(system.runs.size).toBe(10_000);
    expect(await system.count("invoices")).toBe(10_000);
    expect(system.perReplica.every((n) => n > 1_000)).toBe(true);
    const position = new Map(sent.map((e, n) => [(e.payload as { orderId: string }).orderId, n]));
    for (const list of order) {
      const byKey = new Map<number, number[]>();
      for (const id of list) {
        const n = position.get(id)!;
        byKey.set(n % keys.length, [...(byKey.get(n % keys.length) ?? []), n]);
      }
      for (const ns of byKey.values()) expect(ns).toEqual([...ns].sort((a, b) => a - b));
    }
  }, 180_000);
});

async function waitForDeadLetter(url: string, id: string) {
  const amqplib = await import("amqplib");
  const connection = await amqplib.connect(url);
  try {
    const channel = await connection.createChannel();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const message = await channel.get(ORDER_DLQ, { noAck: true });
      if (message) {
        const envelope = fromAmqpMessage(message as unknown as ConsumeMessage);
        if (envelope.id === id) return envelope;
      } else await sleep(50);
    }
    throw new Error(`event ${id} did not reach ${ORDER_DLQ}`);
  } finally {
    await connection.close();
  }
}
