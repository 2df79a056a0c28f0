import { describe, expect, it } from "vitest";
import {
  compileSpec,
  computeModel,
  formatDuration,
  kebabCase,
  parseDuration,
  type Model,
} from "../../src/model/index.js";

const SPEC = `archkit: 1
system: { name: mini, title: Mini }
gateway: { auth: { kind: jwt } }
services:
  orders:
    stores: [ordersDb]
    endpoints:
      placeOrder:
        method: POST
        path: /orders
        public: true
        request: { body: { type: object } }
        responses: { 201: Order, 400: Problem }
        calls: [stock.reserve, payments]
        publishes: [OrderPlaced]
        latency: { p95: 80ms, p99: 1.5s }
      getOrder:
        method: GET
        path: /orders/{orderId}
        request: { params: { orderId: { type: string } } }
        responses: { 200: Order, 204: ~ }
  stock:
    port: 3001
    endpoints:
      reserve: { method: POST, path: /reservations, timeout: 2s }
    consumes:
      OrderPlaced: { retries: 5, backoff: 1s, deadLetter: true }
externals:
  payments: { title: Payment provider }
events:
  OrderPlaced: { schema: Order, key: id, retention: 2w }
stores:
  ordersDb:
    kind: postgres
    tables:
      orders:
        columns:
          id: { type: uuid, primaryKey: true, nullable: true }
          note: { type: text, nullable: true }
          customerId: { type: uuid, references: orders.id }
  sessions: { kind: cache }
schemas:
  Order: { type: object, properties: { id: { type: string } } }
`;

function model(): Model {
  const result = compileSpec(SPEC, "mini.yaml");
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.model!;
}

describe("normalize applies every default once", () => {
  it("endpoints: auth, idempotency, timeouts, budgets, path parameters, responses", () => {
    const [place, get] = model().services[0]!.endpoints;
    expect(place).toMatchObject({
      id: "orders.placeOrder",
      public: true,
      auth: { kind: "required" },
      idempotent: false,
      timeoutMs: 5000,
      latency: { p95: 80, p99: 1500 },
    });
    expect(place!.calls).toEqual([
      {
        kind: "endpoint",
        target: "stock.reserve",
        service: "stock",
        endpoint: "reserve",
        source: ["services", "orders", "endpoints", "placeOrder", "calls", 0],
      },
      { kind: "external", external: "payments", source: ["services", "orders", "endpoints", "placeOrder", "calls", 1] },
    ]);
    expect(get).toMatchObject({ public: false, auth: { kind: "none" }, idempotent: true, pathParams: ["orderId"] });
    expect(get!.responses.map((r) => [r.status, r.schema?.kind])).toEqual([
      [200, "named"],
      [204, undefined],
    ]);
  });

  it("ports: explicit ones kept, the rest count up after the gateway, skipping taken ones", () => {
    const m = model();
    expect(m.gateway!.port).toBe(3000);
    expect(m.services.map((s) => [s.id, s.port])).toEqual([
      ["orders", 3002],
      ["stock", 3001],
    ]);
  });

  it("events: topic from the first producer, dead-letter topic, partitions, retention; producers and consumers computed", () => {
    const [event] = model().events;
    expect(event).toMatchObject({
      topic: "orders.order-placed",
      deadLetterTopic: "orders.order-placed.dlq",
      partitions: 3,
      retentionMs: 14 * 86_400_000,
    });
    const computed = computeModel(model());
    expect(computed.publishersOf(event!.id)).toEqual([{ service: "orders", by: "placeOrder", via: "endpoint" }]);
    expect(computed.consumersOf(event!.id).map((c) => [c.service, c.handler])).toEqual([["stock", "onOrderPlaced"]]);
  });

  it("consumers, scaling, resources and gateway defaults", () => {
    const m = model();
    const stock = m.services[1]!;
    expect(stock.consumers[0]).toMatchObject({
      handler: "onOrderPlaced",
      retries: 5,
      backoffMs: 1000,
      deadLetter: true,
      group: "mini.stock",
    });
    expect(stock.scaling).toEqual({ replicas: 1, min: 1, max: 1, targetCpu: 70 });
    expect(stock.resources).toEqual({ cpu: "100m", memory: "128Mi", limits: { cpu: undefined, memory: "128Mi" } });
    expect(m.gateway!.auth).toMatchObject({ secretEnv: "JWT_SECRET", algorithms: ["HS256"], rolesClaim: "roles" });
    expect(computeModel(m).routes.map((e) => e.id)).toEqual(["orders.placeOrder"]);
    expect(m.deployment).toMatchObject({
      namespace: "mini",
      registry: "registry.local/mini",
      environments: [{ name: "dev", infrastructure: "in-cluster" }],
    });
  });

  it("stores: NOT NULL unless nullable, primary keys never null, references split, cache ttl", () => {
    const [db, cache] = model().stores;
    expect(db!.kind === "postgres" && db!.tables[0]!.columns.map((c) => [c.name, c.nullable, c.references])).toEqual([
      ["id", false, undefined],
      ["note", true, undefined],
      ["customerId", false, { table: "orders", column: "id" }],
    ]);
    expect(computeModel(model()).usersOfStore(db!.id)).toEqual(["orders"]);
    expect(cache).toMatchObject({ kind: "cache", ttlMs: 300_000, technology: "Redis" });
    expect(model().schemas.map((s) => s.id)).toEqual(["Order", "Problem"]);
  });
});

describe("units", () => {
  it.each([
    ["80ms", 80],
    ["1.5s", 1500],
    ["1m", 60_000],
    ["2h", 7_200_000],
    ["7d", 604_800_000],
    ["1w", 604_800_000],
  ])("parseDuration(%s) = %d", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    [80, "80ms"],
    [1500, "1.5s"],
    [90_000, "1.5m"],
  ])("formatDuration(%d) = %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it.each([
    ["OrderCreated", "order-created"],
    ["placeOrder", "place-order"],
    ["HTTPRequestSent", "http-request-sent"],
  ])("kebabCase(%s) = %s", (name, kebab) => expect(kebabCase(name)).toBe(kebab));
});
