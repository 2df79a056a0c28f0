import { afterAll, describe, expect, it } from "vitest";
import { compileSpec } from "../../../src/model/index.js";
import { currentCorrelationId, MemoryBroker, startService, type RunningService } from "../../../src/runtime/index.js";

const SPEC = `archkit: 1
system: { name: mini, title: Mini }
services:
  orders:
    stores: [ordersDb]
    endpoints:
      place:
        method: POST
        path: /orders
        request: { body: { type: object, required: [sku], properties: { sku: { type: string } } } }
        responses: { 201: Placed }
        calls: [stock.reserve]
        publishes: [OrderPlaced]
  stock:
    endpoints:
      reserve:
        method: POST
        path: /reservations
        request: { body: { type: object, required: [sku], properties: { sku: { type: string } } } }
        responses: { 201: { type: object, required: [reserved], properties: { reserved: { type: boolean } } } }
  notifier:
    consumes:
      OrderPlaced: { handler: notify, deadLetter: true }
events:
  OrderPlaced: { schema: Placed, key: id }
stores:
  ordersDb:
    kind: postgres
    tables:
      orders: { columns: { id: { type: text, primaryKey: true }, sku: { type: text } } }
schemas:
  Placed: { type: object, required: [id, sku], properties: { id: { type: string }, sku: { type: string } } }
`;

const running: RunningService[] = [];
afterAll(async () => {
  for (const service of running.reverse()) await service.close();
});

describe("startService", () => {
  it("wires database, clients, events and consumers so one request flows through three services with one correlation id, without passing it by hand", async () => {
    const { model, ok, diagnostics } = compileSpec(SPEC, "mini.yaml");
    expect(diagnostics).toEqual([]);
    expect(ok).toBe(true);
    const broker = new MemoryBroker();
    const env = { DATABASE_URL: "pglite://memory", LOG_LEVEL: "silent" };
    const seen: { stockCorrelation?: string; notified?: { payload: unknown; correlationId?: string } } = {};
    let resolveNotified: () => void = () => undefined;
    const notified = new Promise<void>((resolve) => (resolveNotified = resolve));
    running.push(
      await startService({
        model: model!,
        service: "notifier",
        handlers: {},
        consumers: {
          notify: async (payload, context) => {
            expect(currentCorrelationId()).toBe(context.envelope.correlationId);
            seen.notified = { payload, correlationId: context.envelope.correlationId };
            resolveNotified();
          },
        },
        env,
        port: 0,
        broker,
      }),
    );
    const stock = await startService({
      model: model!,
      service: "stock",
      handlers: {
        reserve: async (req) => {
          seen.stockCorrelation = req.ctx.correlationId;
          return { status: 201, body: { reserved: true } };
        },
      },
      env,
      port: 0,
      broker,
    });
    running.push(stock);
    const orders = await startService({
      model: model!,
      service: "orders",
      handlers: {
        place: async (req) => {
          const deps = req.ctx.deps as {
            clients: Record<string, (input: unknown) => Promise<{ status: number }>>;
            bus: { publish: (e: string, p: unknown, o?: unknown) => Promise<unknown> };
            db: { db: { insertInto: (t: string) => { values: (v: unknown) => { execute: () => Promise<unknown> } } } };
          };
          const body = req.body as { sku: string };
          const reserved = await deps.clients["stock.reserve"]!({ body });
          expect(reserved.status).toBe(201);
          const order = { id: "o-1", sku: body.sku };
          await deps.db.db.insertInto("orders").values(order).execute();
          await deps.bus.publish("OrderPlaced", order);
          return { status: 201, body: order };
        },
      },
      env: { ...env, STOCK_URL: stock.url },
      port: 0,
      broker,
    });
    running.push(orders);

    const response = await fetch(`${orders.url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-42" },
      body: JSON.stringify({ sku: "book" }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe("req-42");
    await notified;
    expect(seen.stockCorrelation).toBe("req-42");
    expect(seen.notified).toEqual({ payload: { id: "o-1", sku: "book" }, correlationId: "req-42" });
    expect((await fetch(`${orders.url}/readyz`)).status).toBe(200);
  }, 120_000);
});
