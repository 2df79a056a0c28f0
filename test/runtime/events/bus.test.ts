import pino from "pino";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import type { EventEnvelope } from "../../../src/runtime/contracts.js";
import {
  createEnvelope,
  createEventBus,
  EventBusConfigError,
  HEADERS,
  InvalidPayloadError,
  MemoryBroker,
  MemoryTransport,
  UndeclaredEventError,
  type EventBus,
  type EventHandlers,
} from "../../../src/runtime/events/index.js";
import { busModel, INVOICE_TOPIC, Inbox, order, ORDER_DLQ, ORDER_TOPIC, sleep } from "./fixture.js";

const model = busModel();
let broker: MemoryBroker;
const running: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

function bus(service: string, handlers: EventHandlers = {}, registry?: Registry): EventBus {
  broker ??= new MemoryBroker({ redeliveryDelayMs: 5 });
  const created = createEventBus({ model, service, transport: new MemoryTransport({ broker }), handlers, registry });
  running.push(created);
  return created;
}

async function watch(
  topic: string,
  group = `watch-${Math.random()}`,
): Promise<{ inbox: Inbox; transport: MemoryTransport }> {
  const inbox = new Inbox();
  const transport = new MemoryTransport({ broker });
  await transport.subscribe({ topic, group, handler: inbox.handler });
  await transport.start();
  running.push(transport);
  return { inbox, transport };
}

const quiet: EventHandlers = { record: async () => undefined, recordInvoice: async () => undefined };

describe("publishing", () => {
  it("sends a declared event with its topic, key from the payload and correlation id", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const orders = bus("orders");
    await orders.start();
    const { inbox } = await watch(ORDER_TOPIC);
    const payload = order(42);
    const sent = await orders.publish("OrderPlaced", payload, { correlationId: "req-1" });
    expect(sent).toMatchObject({
      type: "OrderPlaced",
      topic: ORDER_TOPIC,
      key: payload.orderId,
      payload,
      correlationId: "req-1",
    });
    expect(sent.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(sent.occurredAt)).toBeGreaterThan(Date.now() - 5_000);
    await inbox.until((r) => r.length === 1);
    expect(inbox.received[0]).toEqual(sent);
  });

  it("rejects an invalid payload before sending, naming each failing field", async () => {
    broker = new MemoryBroker();
    const orders = bus("orders");
    await orders.start();
    const { inbox } = await watch(ORDER_TOPIC);
    const error = await orders
      .publish("OrderPlaced", { orderId: "", total: 1.5, lines: [{}], extra: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPayloadError);
    expect((error as InvalidPayloadError).problems).toEqual([
      "payload.extra is not allowed",
      "payload.orderId must NOT have fewer than 1 characters",
      "payload.total must be integer",
      "payload.lines[0].sku is required",
    ]);
    expect((error as Error).message).toBe(
      "invalid OrderPlaced payload published by service orders (schema OrderPlacedPayload): payload.extra is not allowed; payload.orderId must NOT have fewer than 1 characters; payload.total must be integer; payload.lines[0].sku is required",
    );
    await expect(orders.publish("OrderPlaced", { orderId: "o1" })).rejects.toThrow(/payload\.total is required/);
    await sleep(20);
    expect(inbox.received).toEqual([]);
  });

  it("rejects events the service does not declare, saying where to declare them", async () => {
    const billing = bus("billing", { bill: async () => undefined });
    await expect(billing.publish("OrderPlaced", order())).rejects.toThrow(
      new UndeclaredEventError(
        "OrderPlaced",
        "billing",
        "cannot publish OrderPlaced from service billing: it is not in the publishes: list of any endpoint or consumer of services.billing in bus.yaml (service billing publishes InvoiceIssued)",
      ),
    );
    await expect(billing.publish("InvoiceIsued", { orderId: "o", amount: 1 })).rejects.toThrow(
      "cannot publish InvoiceIsued from service billing: no event InvoiceIsued is declared under events: in bus.yaml; did you mean `InvoiceIssued`?",
    );
  });

  it("refuses an unknown service, missing handlers and outbox use without a database", async () => {
    expect(() => createEventBus({ model, service: "shipping", transport: new MemoryTransport() })).toThrow(
      new EventBusConfigError(
        "cannot create the event bus: service shipping is not declared in bus.yaml (services: orders, billing, audit)",
      ),
    );
    await expect(bus("audit", { record: async () => undefined }).start()).rejects.toThrow(
      "service audit has no handler for recordInvoice (for InvoiceIssued), declared under services.audit.consumes in bus.yaml",
    );
    const orders = bus("orders");
    await expect(orders.publish("OrderPlaced", order(), { tx: {} as never })).rejects.toThrow(
      /has no database \(pass db to createEventBus\)/,
    );
  });
});

describe("consuming", () => {
  it("retries with exponential backoff, then dead-letters with the error in headers", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const times: number[] = [];
    const billing = bus("billing", {
      bill: async () => {
        times.push(performance.now());
        throw new Error("card declined");
      },
    });
    await billing.start();
    const { inbox: dlq } = await watch(ORDER_DLQ);
    const orders = bus("orders");
    const sent = await orders.publish("OrderPlaced", order(), { correlationId: "c-dlq" });
    await dlq.until((r) => r.length === 1);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(9);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(19);
    expect(dlq.received[0]).toMatchObject({
      id: sent.id,
      type: "OrderPlaced",
      topic: ORDER_DLQ,
      key: sent.key,
      payload: sent.payload,
      correlationId: "c-dlq",
    });
    expect(dlq.received[0]!.headers).toEqual({
      [HEADERS.error]: "card declined",
      [HEADERS.attempts]: "3",
      [HEADERS.originalTopic]: ORDER_TOPIC,
      [HEADERS.consumerGroup]: "busdemo.billing",
    });
  });

  it("does not dead-letter an event that succeeds on a retry", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const attempts: number[] = [];
    const billing = bus("billing", {
      bill: async (_payload, ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt < 2) throw new Error("flaky");
      },
    });
    await billing.start();
    const { inbox: dlq } = await watch(ORDER_DLQ);
    await bus("orders").publish("OrderPlaced", order());
    await waitFor(() => attempts.length === 2);
    await sleep(30);
    expect(attempts).toEqual([1, 2]);
    expect(dlq.received).toEqual([]);
  });

  it("dead-letters an invalid payload on receipt without calling the handler", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const calls: unknown[] = [];
    await bus("billing", { bill: async (p) => void calls.push(p) }).start();
    const { inbox: dlq, transport } = await watch(ORDER_DLQ);
    const bad = createEnvelope({ type: "OrderPlaced", topic: ORDER_TOPIC, key: "x", payload: { orderId: "x" } });
    await transport.send([bad]);
    await dlq.until((r) => r.length === 1);
    expect(calls).toEqual([]);
    expect(dlq.received[0]!.headers).toMatchObject({
      [HEADERS.error]:
        "invalid OrderPlaced payload received by billing.bill (schema OrderPlacedPayload): payload.total is required",
      [HEADERS.attempts]: "0",
    });
  });

  it("leaves an event for redelivery when the consumer has no dead-letter topic", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    let calls = 0;
    await bus("audit", {
      record: async () => undefined,
      recordInvoice: async () => {
        if (calls++ < 2) throw new Error("down");
      },
    }).start();
    const billing = bus("billing", { bill: async () => undefined });
    await billing.publish("InvoiceIssued", { orderId: "o", amount: 1 });
    await waitFor(() => calls === 3);
  });

  it("drops an invalid payload when the consumer has no dead-letter topic, and goes on", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const amounts: number[] = [];
    await bus("audit", {
      record: async () => undefined,
      recordInvoice: async (p: { amount: number }) => void amounts.push(p.amount),
    }).start();
    const { transport } = await watch(INVOICE_TOPIC);
    await transport.send([
      createEnvelope({ type: "InvoiceIssued", topic: INVOICE_TOPIC, key: "o", payload: { orderId: "o" } }),
      createEnvelope({ type: "InvoiceIssued", topic: INVOICE_TOPIC, key: "o", payload: { orderId: "o", amount: 5 } }),
    ]);
    await waitFor(() => amounts.length === 1);
    await sleep(30);
    expect(amounts).toEqual([5]);
  });

  it("carries the correlation id to handlers and to the events they publish", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const seen: (string | undefined)[] = [];
    const invoices: EventEnvelope[] = [];
    await bus("billing", {
      bill: async (payload: { orderId: string; total: number }, ctx) => {
        seen.push(ctx.correlationId);
        await ctx.publish("InvoiceIssued", { orderId: payload.orderId, amount: payload.total });
      },
    }).start();
    await bus("audit", {
      record: async () => undefined,
      recordInvoice: async (_p, ctx) => void invoices.push(ctx.envelope),
    }).start();
    await bus("orders").publish("OrderPlaced", order(7), { correlationId: "req-42" });
    await waitFor(() => invoices.length === 1);
    expect(seen).toEqual(["req-42"]);
    expect(invoices[0]).toMatchObject({
      type: "InvoiceIssued",
      topic: INVOICE_TOPIC,
      correlationId: "req-42",
      payload: { amount: 7 },
    });
  });

  it("gives an event back when stopped during a backoff wait, so the next consumer gets it", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const attempts: number[] = [];
    const first = createEventBus({
      model,
      service: "billing",
      transport: new MemoryTransport({ broker }),
      handlers: {
        bill: async (_payload, ctx) => {
          attempts.push(ctx.attempt);
          throw new Error("slow down");
        },
      },
    });
    const { inbox: dlq } = await watch(ORDER_DLQ);
    await first.start();
    const sent = await bus("orders").publish("OrderPlaced", order());
    await waitFor(() => attempts.length === 1);
    await first.stop();
    const received: string[] = [];
    await bus("billing", { bill: async (_p, ctx) => void received.push(ctx.envelope.id) }).start();
    await waitFor(() => received.length === 1);
    expect(attempts).toEqual([1]);
    expect(received).toEqual([sent.id]);
    expect(dlq.received).toEqual([]);
  });

  it("counts published, consumed, failed and dead-lettered events", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const registry = new Registry();
    let n = 0;
    await bus(
      "billing",
      {
        bill: async () => {
          if (n++ < 3) throw new Error("no");
        },
      },
      registry,
    ).start();
    const { inbox: dlq } = await watch(ORDER_DLQ);
    const orders = bus("orders", {}, registry);
    await orders.publish("OrderPlaced", order());
    await dlq.until((r) => r.length === 1);
    await orders.publish("OrderPlaced", order());
    await waitFor(() => n === 4);
    await sleep(10);
    const text = await registry.metrics();
    expect(text).toContain('archkit_events_published_total{service="orders",event="OrderPlaced"} 2');
    expect(text).toContain('archkit_events_consumed_total{service="billing",event="OrderPlaced"} 1');
    expect(text).toContain('archkit_events_failed_total{service="billing",event="OrderPlaced"} 3');
    expect(text).toContain('archkit_events_dead_lettered_total{service="billing",event="OrderPlaced"} 1');
  });

  it("accepts a pino logger", async () => {
    broker = new MemoryBroker({ redeliveryDelayMs: 5 });
    const lines: string[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
    const audit = createEventBus({
      model,
      service: "audit",
      transport: new MemoryTransport({ broker }),
      handlers: { ...quiet, record: async () => Promise.reject(new Error("boom")) },
      logger,
    });
    running.push(audit);
    await audit.start();
    await bus("orders").publish("OrderPlaced", order());
    await waitFor(() => lines.some((l) => l.includes("event dead-lettered")));
    expect(JSON.parse(lines.find((l) => l.includes("event handler failed"))!)).toMatchObject({
      level: 40,
      event: "OrderPlaced",
      handler: "record",
      err: "boom",
      attempt: 1,
      of: 2,
    });
  });
});

function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  return new Inbox().until(() => condition(), timeoutMs);
}
