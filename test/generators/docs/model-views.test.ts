import { describe, expect, it } from "vitest";
import { computeModel, flowBudget } from "../../../src/model/index.js";
import { walkFlow, type Step } from "../../../src/generators/docs/views/flow-walk.js";
import {
  gatewayOpenapi,
  serviceOpenapi,
  asyncapiDocument,
  mermaidDiagrams,
} from "../../../src/generators/docs/index.js";
import { model } from "./specs.js";

function flat(steps: readonly Step[]): string[] {
  return steps.flatMap((s) =>
    s.kind === "call" ? [`${s.from}->${s.to}:${s.label}`, ...flat(s.steps)] : [`${s.from} publishes ${s.event}`],
  );
}

describe("the order processing flow, derived from calls, publishes and consumes", () => {
  it("goes customer, gateway, orders, then products and payments in call order, with the same budget validate checks", async () => {
    const shop = await model("shop");
    const flow = shop.flows.find((f) => f.id === "orderProcessing")!;
    const walk = walkFlow(computeModel(shop), flow);
    expect(walk.participants.map((p) => p.id)).toEqual([
      "a_customer",
      "gw",
      "s_orders",
      "s_products",
      "s_payments",
      "x_paymentGateway",
      "q_bus",
      "s_notifications",
      "x_emailProvider",
      "x_smsProvider",
    ]);
    const steps = flat([walk.request]);
    expect(steps.indexOf("s_orders->s_products:reserveStock: POST /products/{productId}/reservations")).toBeLessThan(
      steps.indexOf("s_orders->s_payments:charge: POST /payments"),
    );
    expect(steps).toContain("s_orders publishes OrderCreated");
    expect(walk.syncBudget).toBe(flowBudget(shop, flow).total);
    expect(walk.syncBudget).toBe(145);
    const delivered = walk.deliveries.flatMap((g) => g.deliveries.map((d) => `${g.event}>${d.handler}`));
    expect(delivered).toEqual(
      expect.arrayContaining([
        "OrderCreated>commitReservations",
        "OrderCreated>sendOrderConfirmation",
        "LowStock>alertLowStock",
        "PaymentCompleted>recordRevenue",
      ]),
    );
  });

  it("shows every hop's p95 in the sequence diagram", async () => {
    const seq = mermaidDiagrams(computeModel(await model("shop"))).find(
      (d) => d.name === "flow-order-processing",
    )!.source;
    expect(seq).toContain("placeOrder: POST /orders (p95 70ms)");
    expect(seq).toContain("reserveStock: POST /products/{productId}/reservations (p95 25ms)");
    expect(seq).toContain("charge: POST /payments (p95 50ms)");
    expect(seq).toContain("Synchronous p95 budget 145ms of the flow's p95 450ms");
  });
});

describe("OpenAPI", () => {
  it("a service document has all its endpoints, problems as application/problem+json and named schemas as components", async () => {
    const shop = await model("shop");
    const doc = serviceOpenapi(computeModel(shop), computeModel(shop).service("products")) as any;
    expect(Object.keys(doc.paths)).toEqual([
      "/products",
      "/products/search",
      "/products/{productId}",
      "/products/{productId}/reservations",
    ]);
    const reserve = doc.paths["/products/{productId}/reservations"].post;
    expect(reserve.responses["409"].content["application/problem+json"].schema).toEqual({
      $ref: "#/components/schemas/Problem",
    });
    expect(reserve.parameters[0]).toMatchObject({ name: "productId", in: "path", required: true });
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Money", "Problem", "Product", "ProductPage", "ReserveStock"]),
    );
    expect(doc.components.schemas.Product.properties.price).toEqual({ $ref: "#/components/schemas/Money" });
  });

  it("the gateway document has only public endpoints, bearer JWT and role requirements from the spec", async () => {
    const shop = await model("shop");
    const doc = gatewayOpenapi(computeModel(shop)) as any;
    expect(doc.paths["/payments"]).toBeUndefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
    expect(doc.paths["/products"].post.security).toEqual([{ bearerAuth: ["admin"] }]);
    expect(doc.paths["/orders"].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/products"].get.security).toBeUndefined();
    expect(doc.paths["/orders"].post.responses["429"]).toBeDefined();
    expect(doc.servers.map((s: { url: string }) => s.url)).toEqual([
      "https://api.staging.shop.example.com",
      "https://api.shop.example.com",
    ]);
  });
});

describe("AsyncAPI", () => {
  it("has a channel per topic and dead-letter topic, and send and receive operations per handler", async () => {
    const shop = await model("shop");
    const doc = asyncapiDocument(computeModel(shop)) as any;
    expect(doc.channels.OrderCreated.address).toBe("orders.order-created");
    expect(doc.channels.OrderCreatedDeadLetter.address).toBe("orders.order-created.dlq");
    expect(doc.operations["orders.placeOrder.publishOrderCreated"].action).toBe("send");
    expect(doc.operations["products.commitReservations"].action).toBe("receive");
    expect(doc.components.messages.OrderCreated.bindings.kafka.key.type).toBe("string");
  });
});
