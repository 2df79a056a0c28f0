import { afterAll, describe, expect, it } from "vitest";
import { compileSpec } from "../../../src/model/index.js";
import {
  currentCorrelationId,
  MemoryBroker,
  startService,
  TransportConfigError,
  type RunningService,
} from "../../../src/runtime/index.js";
import { createTestVhost, rabbitmqServer, suiteTitle } from "../servers.js";

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
            publish: (e: string, p: unknown) => Promise<unknown>;
            db: { insertInto: (t: string) => { values: (v: unknown) => { execute: () => Promise<unknown> } } };
          };
          const body = req.body as { sku: string };
          const reserved = await deps.clients["stock.reserve"]!({ body });
          expect(reserved.status).toBe(201);
          const order = { id: "o-1", sku: body.sku };
          await deps.db.insertInto("orders").values(order).execute();
          await deps.publish("OrderPlaced", order);
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

describe("startService: event broker from the environment", async () => {
  const rabbit = await rabbitmqServer();
  const { model } = compileSpec(SPEC, "mini.yaml");

  it("refuses to start when both KAFKA_BROKERS and AMQP_URL are set, naming both", async () => {
    const env = { KAFKA_BROKERS: "kafka:9092", AMQP_URL: "amqp://rabbitmq:5672", LOG_LEVEL: "silent" };
    const start = startService({ model: model!, service: "orders", handlers: {}, env, port: 0 });
    await expect(start).rejects.toThrow(TransportConfigError);
    await expect(start).rejects.toThrow(/both KAFKA_BROKERS and AMQP_URL are set/);
  });

  it.skipIf(!rabbit.ok)(
    suiteTitle("delivers an event between two services over RabbitMQ when AMQP_URL is set", rabbit),
    async () => {
      if (!rabbit.ok) return;
      const vhost = await createTestVhost(rabbit.url);
      const started: RunningService[] = [];
      try {
        const env = { DATABASE_URL: "pglite://memory", LOG_LEVEL: "silent", AMQP_URL: vhost.url };
        let notified: (payload: unknown) => void = () => undefined;
        const received = new Promise<unknown>((resolve) => (notified = resolve));
        started.push(
          await startService({
            model: model!,
            service: "notifier",
            handlers: {},
            consumers: { notify: async (payload) => notified(payload) },
            env,
            port: 0,
          }),
        );
        const orders = await startService({
          model: model!,
          service: "orders",
          handlers: { place: async () => ({ status: 201, body: { id: "o-0", sku: "none" } }) },
          env: { ...env, STOCK_URL: "http://127.0.0.1:9" },
          port: 0,
        });
        started.push(orders);
        expect(orders.bus.transport.kind).toBe("rabbitmq");
        await orders.bus.publish("OrderPlaced", { id: "o-9", sku: "pen" });
        expect(await received).toEqual({ id: "o-9", sku: "pen" });
        expect((await fetch(`${orders.url}/readyz`)).status).toBe(200);
      } finally {
        for (const service of started.reverse()) await service.close();
        await vhost.delete();
      }
    },
    60_000,
  );
});
