import { randomUUID } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import type { EventEnvelope, EventTransport } from "../../../src/runtime/contracts.js";
import { createEnvelope, createEventBus, HEADERS } from "../../../src/runtime/events/index.js";
import { busModel, Inbox, ORDER_DLQ, ORDER_TOPIC, sleep, waitUntil } from "./fixture.js";

/** Makes clients of one broker (memory) or cluster (Kafka) for the conformance suite. */
export interface TransportFactory {
  /** A new client; the given topics exist once it has started. */
  create(topics: readonly string[]): EventTransport;
  /** Waits until consumer groups that just started own their partitions (nothing to wait for in memory). */
  settle(): Promise<void>;
  /** Extra time to wait for deliveries that should not happen. */
  readonly quietMs: number;
}

/**
 * What every EventTransport does: envelopes arrive intact, ordered per key, shared within a
 * group and copied to every group, delivered again when not acknowledged, dead-lettered by the
 * bus after its retries. Topics and groups are unique per test. Call inside a describe block.
 */
export function transportContract(factory: TransportFactory): void {
  const run = randomUUID().slice(0, 8);
  const started: EventTransport[] = [];
  const topic = (name: string) => `conformance.${run}.${name}`;
  const group = (name: string) => `conformance-${run}-${name}`;
  const client = async (
    topics: readonly string[],
    subscriptions: readonly [string, string, (e: EventEnvelope) => Promise<void>][] = [],
  ) => {
    const transport = factory.create(topics);
    for (const [t, g, handler] of subscriptions) await transport.subscribe({ topic: t, group: g, handler });
    await transport.start();
    started.push(transport);
    return transport;
  };
  const envelope = (t: string, key: string | undefined, payload: unknown) =>
    createEnvelope({ type: "Test", topic: t, key, payload });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((t) => t.stop()));
  });

  it("delivers every field of the envelope", async () => {
    const t = topic("fields");
    const inbox = new Inbox();
    const transport = await client([t], [[t, group("fields"), inbox.handler]]);
    await factory.settle();
    const sent = createEnvelope({
      type: "OrderPlaced",
      topic: t,
      key: "order-1",
      payload: { orderId: "order-1", total: 3, lines: [{ sku: "a" }] },
      correlationId: "corr-1",
      headers: { "x-tenant": "eu" },
    });
    await transport.send([sent]);
    await inbox.until((r) => r.length === 1);
    expect(inbox.received[0]).toEqual(sent);
    expect(await transport.ready()).toBe(true);
  });

  it("keeps the order of events with the same key", async () => {
    const t = topic("order");
    const seen = new Map<string, number[]>();
    const handler = async (e: EventEnvelope) => {
      const { key, n } = e.payload as { key: string; n: number };
      if (n % 7 === 0) await sleep(1);
      seen.set(key, [...(seen.get(key) ?? []), n]);
    };
    const transport = await client([t], [[t, group("order"), handler]]);
    await factory.settle();
    const keys = ["a", "b", "c", "d", "e"];
    for (let batch = 0; batch < 4; batch++) {
      await transport.send(
        Array.from({ length: 50 }, (_, i) => batch * 50 + i).map((n) =>
          envelope(t, keys[n % keys.length], { key: keys[n % keys.length], n }),
        ),
      );
    }
    await waitUntil(() => [...seen.values()].reduce((sum, list) => sum + list.length, 0) === 200, 30_000);
    for (const key of keys) {
      const list = seen.get(key)!;
      expect(list).toEqual([...list].sort((x, y) => x - y));
      expect(list).toHaveLength(40);
    }
  });

  it("shares the work of a group between its consumers, each event once", async () => {
    const t = topic("share");
    const first = new Inbox();
    const second = new Inbox();
    const producer = await client([t], [[t, group("share"), first.handler]]);
    await client([t], [[t, group("share"), second.handler]]);
    await factory.settle();
    const sent = Array.from({ length: 200 }, (_, n) => envelope(t, `key-${n % 40}`, { n }));
    await producer.send(sent);
    await waitUntil(() => first.received.length + second.received.length >= 200, 30_000);
    await sleep(factory.quietMs);
    expect(first.received.length).toBeGreaterThan(0);
    expect(second.received.length).toBeGreaterThan(0);
    expect([...first.ids(), ...second.ids()].sort()).toEqual(sent.map((e) => e.id).sort());
  });

  it("keeps the order of a key while two consumers share the group", async () => {
    const t = topic("order-shared");
    const g = group("order-shared");
    const seen = new Map<string, number[]>();
    const handler = async (e: EventEnvelope) => {
      const { key, n } = e.payload as { key: string; n: number };
      if (n % 5 === 0) await sleep(1);
      seen.set(key, [...(seen.get(key) ?? []), n]);
    };
    const producer = await client([t], [[t, g, handler]]);
    await client([t], [[t, g, handler]]);
    await factory.settle();
    const keys = Array.from({ length: 12 }, (_, k) => `key-${k}`);
    await producer.send(
      Array.from({ length: 240 }, (_, n) => envelope(t, keys[n % keys.length], { key: keys[n % keys.length], n })),
    );
    await waitUntil(() => [...seen.values()].reduce((sum, list) => sum + list.length, 0) >= 240, 30_000);
    await sleep(factory.quietMs);
    for (const key of keys) expect(seen.get(key)).toEqual([...seen.get(key)!].sort((x, y) => x - y));
    expect([...seen.values()].flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 240 }, (_, n) => n));
  });

  it("carries W3C trace context and other headers unchanged", async () => {
    const t = topic("headers");
    const inbox = new Inbox();
    const transport = await client([t], [[t, group("headers"), inbox.handler]]);
    await factory.settle();
    const headers = {
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      tracestate: "vendor=opaque,other=1",
      baggage: "tenant=eu, region=west",
      "x-unicode": "größe ✓",
    };
    const sent = createEnvelope({ type: "Test", topic: t, payload: { n: 1 }, headers });
    await transport.send([sent]);
    await inbox.until((r) => r.length === 1);
    expect(inbox.received[0]!.headers).toEqual(headers);
  });

  it("gives every group every event", async () => {
    const t = topic("groups");
    const one = new Inbox();
    const two = new Inbox();
    const transport = await client(
      [t],
      [
        [t, group("groups-one"), one.handler],
        [t, group("groups-two"), two.handler],
      ],
    );
    await factory.settle();
    const sent = Array.from({ length: 50 }, (_, n) => envelope(t, n % 2 === 0 ? undefined : `k${n}`, { n }));
    await transport.send(sent);
    await waitUntil(() => one.received.length >= 50 && two.received.length >= 50, 30_000);
    await sleep(factory.quietMs);
    expect(one.ids().sort()).toEqual(sent.map((e) => e.id).sort());
    expect(two.ids().sort()).toEqual(sent.map((e) => e.id).sort());
  });

  it("delivers an event again when its handler throws, before later events of its key", async () => {
    const t = topic("redeliver");
    const calls: string[] = [];
    let failures = 0;
    const handler = async (e: EventEnvelope) => {
      calls.push((e.payload as { name: string }).name);
      if ((e.payload as { name: string }).name === "first" && failures < 2) {
        failures++;
        throw new Error("not yet");
      }
    };
    const transport = await client([t], [[t, group("redeliver"), handler]]);
    await factory.settle();
    await transport.send([envelope(t, "same", { name: "first" }), envelope(t, "same", { name: "second" })]);
    await waitUntil(() => calls.includes("second"), 30_000);
    expect(calls).toEqual(["first", "first", "first", "second"]);
  });

  it("gives an event to another consumer of the group when its consumer stops before acknowledging it", async () => {
    const t = topic("crash");
    const g = group("crash");
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const firstSeen: string[] = [];
    const crashing = async (e: EventEnvelope) => {
      firstSeen.push(e.id);
      await gate;
      throw new Error("process died before the acknowledgement");
    };
    const victim = await client([t], [[t, g, crashing]]);
    await factory.settle();
    const sent = envelope(t, "k", { n: 1 });
    await victim.send([sent]);
    await waitUntil(() => firstSeen.length > 0, 30_000);
    const stopping = victim.stop();
    release();
    await stopping;
    const survivor = new Inbox();
    await client([t], [[t, g, survivor.handler]]);
    await survivor.until((r) => r.length > 0, 30_000);
    expect(new Set(firstSeen)).toEqual(new Set([sent.id]));
    expect(survivor.ids()).toEqual([sent.id]);
  });

  it("dead-letters an event the bus could not handle after its retries, with the error in headers", async () => {
    const model = busModel();
    const dlq = new Inbox();
    const watcher = await client([ORDER_TOPIC, ORDER_DLQ], [[ORDER_DLQ, group("dlq"), dlq.handler]]);
    const attempts: number[] = [];
    const audit = createEventBus({
      model,
      service: "audit",
      transport: factory.create([ORDER_TOPIC, ORDER_DLQ, "billing.invoice-issued"]),
      handlers: {
        record: async (_payload, ctx) => {
          attempts.push(ctx.attempt);
          throw new Error("ledger offline");
        },
        recordInvoice: async () => undefined,
      },
    });
    await audit.start();
    try {
      await factory.settle();
      const sent = createEnvelope({
        type: "OrderPlaced",
        topic: ORDER_TOPIC,
        key: `o-${run}`,
        payload: { orderId: `o-${run}`, total: 1 },
      });
      await watcher.send([sent]);
      await dlq.until((r) => r.some((e) => e.id === sent.id), 30_000);
      const dead = dlq.received.find((e) => e.id === sent.id)!;
      expect(dead).toMatchObject({ topic: ORDER_DLQ, type: "OrderPlaced", key: sent.key, payload: sent.payload });
      expect(dead.headers).toMatchObject({
        [HEADERS.error]: "ledger offline",
        [HEADERS.attempts]: "2",
        [HEADERS.originalTopic]: ORDER_TOPIC,
        [HEADERS.consumerGroup]: "busdemo.audit",
      });
      expect(attempts).toEqual([1, 2]);
    } finally {
      await audit.stop();
    }
  });
}
