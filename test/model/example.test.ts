import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileFile, flowBudget, type Model, runtimeAjv } from "../../src/model/index.js";

const SPEC = new URL("../../architecture.yaml", import.meta.url).pathname;

async function shop(): Promise<Model> {
  const result = await compileFile(SPEC);
  expect(result.diagnostics).toEqual([]);
  return result.model!;
}

describe("the example shop", () => {
  it("validates with no errors and no warnings", async () => {
    const result = await compileFile(SPEC);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it("declares what the seeds describe", async () => {
    const model = await shop();
    expect(model.services.map((s) => s.id)).toEqual(["users", "products", "orders", "payments", "notifications"]);
    expect(model.actors.map((a) => a.id)).toEqual(["customer", "admin"]);
    expect(model.clients.map((c) => c.technology)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/React/),
        expect.stringMatching(/React Native/),
        expect.stringMatching(/Angular/),
      ]),
    );
    expect(model.events.map((e) => e.id)).toEqual(
      expect.arrayContaining(["UserCreated", "OrderCreated", "PaymentCompleted"]),
    );
    expect(model.flows.map((f) => f.entry)).toEqual(["users.register", "orders.placeOrder"]);
    const order = model.stateMachines.find((m) => m.id === "Order")!;
    expect(order.states).toEqual([
      "created",
      "validated",
      "reserved",
      "paid",
      "shipped",
      "failed",
      "expired",
      "cancelled",
    ]);
    expect(model.decisions.map((d) => d.id)).toEqual(["ADR-001", "ADR-002"]);
    expect(model.deployment.environments.map((e) => e.name)).toEqual(["dev", "staging", "production"]);
    expect(model.quality).toMatchObject({
      latency: { p95: 100, p99: 250 },
      throughputRps: 10000,
      availability: { target: 99.9 },
    });
    expect(model.externals.map((e) => e.id)).toEqual(expect.arrayContaining(["paymentGateway", "emailProvider"]));
  });

  it("every flow example is a valid request for its entry endpoint", async () => {
    const model = await shop();
    const ajv = runtimeAjv(model).body;
    for (const flow of model.flows) {
      const entry = model.services.flatMap((s) => s.endpoints).find((e) => e.id === flow.entry)!;
      const body = entry.request.body!;
      const validate = body.kind === "named" ? ajv.getSchema(body.name)! : ajv.compile(body.schema);
      expect(validate(flow.example?.body), `${flow.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("every flow's synchronous chain fits its p95 budget", async () => {
    const model = await shop();
    for (const flow of model.flows) {
      const budget = flowBudget(model, flow);
      expect(budget.hops[0]!.target).toBe(flow.entry);
      expect(budget.total).toBeLessThanOrEqual(flow.slo.p95!);
    }
    const order = flowBudget(model, model.flows.find((f) => f.entry === "orders.placeOrder")!);
    expect(order.hops.map((h) => h.target)).toEqual(
      expect.arrayContaining(["orders.placeOrder", "products.reserveStock", "payments.charge", "paymentGateway"]),
    );
  });

  it("the file starts with the editor schema line", () => {
    expect(readFileSync(SPEC, "utf8").split("\n")[0]).toBe(
      "# yaml-language-server: $schema=./schema/architecture.schema.json",
    );
  });
});
