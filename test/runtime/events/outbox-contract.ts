import { sql } from "kysely";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { DatabaseHandle, EventEnvelope } from "../../../src/runtime/contracts.js";
import { planMigrations, runMigrations } from "../../../src/runtime/db/index.js";
import {
  createEnvelope,
  createEventBus,
  MemoryBroker,
  MemoryTransport,
  type EventBus,
  type EventBusOptions,
} from "../../../src/runtime/events/index.js";
import { busModel, INVOICE_TOPIC, Inbox, order, ORDER_TOPIC, sleep, waitUntil } from "./fixture.js";

/** Opens the suite's database; `second` is another handle on the same database (a second process), or the same one for PGlite. */
export interface OutboxDatabase {
  open(): Promise<{ readonly first: DatabaseHandle; readonly second: DatabaseHandle }>;
  dispose?(): Promise<void>;
}

const POLL_MS = 40;

/**
 * The transactional outbox and idempotent consumption on a real database: committed events are
 * delivered exactly once, rolled-back ones never, a relay stopped between commit and send is
 * caught up by the next one, concurrent writers with two relays lose and duplicate nothing, and
 * a redelivered event has its effect once. Call inside a describe block.
 */
export function outboxContract(database: OutboxDatabase): void {
  const model = busModel();
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let broker: MemoryBroker;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    ({ first, second } = await database.open());
    await runMigrations(first.db, planMigrations(model));
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database.dispose?.();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await sql`delete from archkit_outbox`.execute(first.db);
  });

  const bus = (service: string, options: Partial<EventBusOptions> = {}): EventBus => {
    const created = createEventBus({
      model,
      service,
      transport: new MemoryTransport({ broker }),
      db: first.db,
      relay: { pollMs: POLL_MS },
      ...options,
    });
    running.push(created);
    return created;
  };
  const watch = async (topic: string): Promise<Inbox> => {
    const inbox = new Inbox();
    const transport = new MemoryTransport({ broker });
    await transport.subscribe({ topic, group: `watch-${Math.random()}`, handler: inbox.handler });
    await transport.start();
    running.push(transport);
    return inbox;
  };
  const placeOrder = (orders: EventBus, handle: DatabaseHandle, total = 5) =>
    handle.db.transaction().execute(async (tx) => {
      const payload = order(total);
      await tx.insertInto("orders").values({ id: payload.orderId, total }).execute();
      return orders.publish("OrderPlaced", payload, { tx, correlationId: `c-${payload.orderId}` });
    });
  const pending = async () =>
    (await sql<{ n: number }>`select count(*)::integer as n from archkit_outbox`.execute(first.db)).rows[0]!.n;
  const exactlyOnce = (inbox: Inbox, ids: readonly string[]) =>
    expect([...inbox.ids()].sort()).toEqual([...ids].sort());

  beforeEach(() => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
  });

  it("delivers an event published in a committed transaction exactly once", async () => {
    const inbox = await watch(ORDER_TOPIC);
    const orders = bus("orders");
    await orders.start();
    const sent = await placeOrder(orders, first);
    await inbox.until((r) => r.length === 1);
    await sleep(POLL_MS * 4);
    expect(inbox.received).toEqual([sent]);
    expect(await pending()).toBe(0);
    expect(await orders.outboxLag()).toEqual({ count: 0, oldestAgeMs: 0 });
  });

  it("never sends an event whose transaction rolled back", async () => {
    const inbox = await watch(ORDER_TOPIC);
    const orders = bus("orders");
    await orders.start();
    await expect(
      first.db.transaction().execute(async (tx) => {
        await orders.publish("OrderPlaced", order(), { tx });
        throw new Error("payment refused");
      }),
    ).rejects.toThrow("payment refused");
    await sleep(POLL_MS * 5);
    expect(inbox.received).toEqual([]);
    expect(await pending()).toBe(0);
  });

  it("sends after a restart what a relay stopped between commit and send left behind, once", async () => {
    const inbox = await watch(ORDER_TOPIC);
    const crashed = bus("orders", { relay: { enabled: false } });
    await crashed.start();
    const sent = await Promise.all([
      placeOrder(crashed, first),
      placeOrder(crashed, second),
      placeOrder(crashed, first),
    ]);
    expect(await crashed.outboxLag()).toBeUndefined();
    await crashed.stop();
    await sleep(POLL_MS * 2);
    expect(inbox.received).toEqual([]);
    expect(await pending()).toBe(3);
    const restarted = bus("orders");
    await restarted.start();
    await inbox.until((r) => r.length === 3);
    await sleep(POLL_MS * 4);
    exactlyOnce(
      inbox,
      sent.map((e) => e.id),
    );
    expect(await pending()).toBe(0);
  });

  it("loses and repeats nothing when a relay is stopped right after the commit", async () => {
    const inbox = await watch(ORDER_TOPIC);
    const racing = bus("orders");
    await racing.start();
    const sent = await placeOrder(racing, first);
    await racing.stop();
    const next = bus("orders");
    await next.start();
    await inbox.until((r) => r.length >= 1);
    await sleep(POLL_MS * 4);
    expect(inbox.received).toEqual([sent]);
  });

  it("delivers every event of 50 concurrent writers once with two relays running", async () => {
    const inbox = await watch(ORDER_TOPIC);
    const relayA = bus("orders", { relay: { pollMs: POLL_MS, batchSize: 7 } });
    const relayB = bus("orders", { db: second.db, relay: { pollMs: POLL_MS, batchSize: 5 } });
    await Promise.all([relayA.start(), relayB.start()]);
    const sent = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const [publisher, handle] = i % 2 === 0 ? [relayA, first] : [relayB, second];
        return handle.db.transaction().execute(async (tx) => {
          const a = await publisher.publish("OrderPlaced", order(i), { tx });
          await sleep(i % 5);
          const b = await publisher.publish("OrderPlaced", order(i + 100), { tx });
          return [a, b];
        });
      }),
    );
    const ids = sent.flat().map((e) => e.id);
    await inbox.until((r) => r.length >= ids.length, 30_000);
    await sleep(POLL_MS * 5);
    exactlyOnce(inbox, ids);
    expect(await pending()).toBe(0);
  });

  it("applies a redelivered event once: the processed mark and the effect share a transaction", async () => {
    const attempts: string[] = [];
    const billing = bus("billing", {
      handlers: {
        bill: async (payload: { orderId: string; total: number }, ctx) => {
          attempts.push(`${ctx.envelope.id}#${ctx.attempt}`);
          await ctx
            .tx!.insertInto("billingTotals")
            .values({ id: 1, total: payload.total, count: 1 })
            .onConflict((oc) =>
              oc.column("id").doUpdateSet({
                total: sql`"billingTotals".total + excluded.total`,
                count: sql`"billingTotals".count + 1`,
              }),
            )
            .execute();
          if (ctx.attempt === 1 && payload.total === 13) throw new Error("fails after writing");
        },
      },
    });
    await billing.start();
    const producer = new MemoryTransport({ broker });
    running.push(producer);
    const once = createEnvelope({
      type: "OrderPlaced",
      topic: ORDER_TOPIC,
      key: "k1",
      payload: { orderId: "k1", total: 10 },
    });
    const flaky = createEnvelope({
      type: "OrderPlaced",
      topic: ORDER_TOPIC,
      key: "k2",
      payload: { orderId: "k2", total: 13 },
    });
    await producer.send([once, once, flaky]);
    await producer.send([once, flaky]);
    await waitUntil(() => attempts.length >= 3, 10_000);
    await sleep(100);
    expect([...attempts].sort()).toEqual([`${once.id}#1`, `${flaky.id}#1`, `${flaky.id}#2`].sort());
    expect(await first.db.selectFrom("billingTotals").select(["total", "count"]).execute()).toEqual([
      { total: 23, count: 2 },
    ]);
    const marks = await first.db
      .selectFrom("archkit_processed_messages")
      .select(["consumer_group", "event_id"])
      .orderBy("event_id")
      .execute();
    expect(marks).toEqual(
      [once.id, flaky.id].sort().map((id) => ({ consumer_group: "busdemo.billing", event_id: id })),
    );
  });

  it("publishes from a handler through the outbox of its transaction, with the correlation id", async () => {
    const invoices = await watch(INVOICE_TOPIC);
    const billing = bus("billing", {
      handlers: {
        bill: async (payload: { orderId: string; total: number }, ctx) => {
          await ctx.tx!.insertInto("invoices").values({ orderId: payload.orderId, amount: payload.total }).execute();
          await ctx.publish("InvoiceIssued", { orderId: payload.orderId, amount: payload.total });
        },
      },
    });
    await billing.start();
    const orders = bus("orders");
    await orders.start();
    const placed = await placeOrder(orders, first, 99);
    await invoices.until((r) => r.length === 1);
    const invoice: EventEnvelope = invoices.received[0]!;
    expect(invoice).toMatchObject({
      type: "InvoiceIssued",
      key: placed.key,
      correlationId: placed.correlationId,
      payload: { orderId: placed.key, amount: 99 },
    });
    expect(await first.db.selectFrom("invoices").selectAll().where("orderId", "=", placed.key!).execute()).toEqual([
      { orderId: placed.key, amount: 99 },
    ]);
  });

  it("reports its lag: unsent rows and the oldest one's age, also as metrics", async () => {
    const registry = new Registry();
    const paused = bus("orders", { relay: { enabled: false } });
    await paused.start();
    await placeOrder(paused, first);
    await placeOrder(paused, first);
    const relay = bus("orders", { registry, relay: { pollMs: 60_000 } });
    expect((await relay.outboxLag())?.count).toBe(2);
    await sleep(30);
    expect((await relay.outboxLag())!.oldestAgeMs).toBeGreaterThanOrEqual(20);
    await relay.start();
    await waitForAsync(async () => (await pending()) === 0);
    await placeOrder(paused, first);
    await sleep(20);
    const text = await registry.metrics();
    expect(text).toContain('archkit_outbox_pending_events{service="orders"} 1');
    const age = Number(/archkit_outbox_oldest_age_seconds\{service="orders"\} ([\d.e-]+)/.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(0.015);
    expect(age).toBeLessThan(60);
    expect(text).toContain('archkit_events_published_total{service="orders",event="OrderPlaced"} 2');
  });
}

async function waitForAsync(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms`);
    await sleep(5);
  }
}
