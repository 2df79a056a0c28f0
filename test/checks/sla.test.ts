import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  drive,
  flowChains,
  judge,
  junitReport,
  percentiles,
  planTargets,
  type Access,
  type LoadSample,
  type SlaRun,
  type SlaTarget,
} from "../../src/checks/sla/index.js";
import { compileFile, type Model } from "../../src/model/index.js";
import { ROOT } from "../cli/helpers.js";
import { parseJunit } from "./junit.js";

let shop: Model;
beforeAll(async () => {
  shop = (await compileFile(join(ROOT, "architecture.yaml"))).model!;
});

const access = (overrides: Partial<Access> = {}): Access => ({
  gatewayUrl: "http://gateway.test",
  serviceUrl: (id) => `http://${id}.test`,
  token: async (roles) => `token-for-${roles.join("+") || "anyone"}`,
  tokenHint: "set JWT_SECRET",
  ...overrides,
});

describe("SLA targets of the shop", () => {
  it("are its flows through the gateway, then every endpoint with a budget straight at its service", async () => {
    const { targets, skipped } = await planTargets(shop, access(), []);
    expect(skipped).toEqual([]);
    expect(targets.map((t) => `${t.kind} ${t.name} ${t.via}`).slice(0, 4)).toEqual([
      "flow userRegistration gateway",
      "flow orderProcessing gateway",
      "endpoint users.register service",
      "endpoint users.login service",
    ]);
    expect(targets).toHaveLength(2 + 18);
    const order = targets.find((t) => t.name === "orderProcessing")!;
    expect(order.request).toMatchObject({
      url: "http://gateway.test/orders",
      method: "POST",
      headers: { authorization: "Bearer token-for-anyone" },
      idReplacement: false,
    });
    expect(order.budget).toEqual({ p95: 450, p99: undefined, errorRate: 0.1, source: "flow slo" });
    const register = targets.find((t) => t.name === "userRegistration")!;
    expect(register.request.idReplacement).toBe(true);
    expect(register.request.body).toContain('"email":"ada+[<id>]@example.com"');
    const cancel = targets.find((t) => t.name === "orders.cancelOrder")!;
    expect(cancel.request.headers).toMatchObject({ "x-user-roles": "admin" });
    expect(cancel.budget).toMatchObject({ p95: 60, p99: 250, source: "endpoint latency" });
  });

  it("skip what cannot be reached or signed for, saying why", async () => {
    const { targets, skipped } = await planTargets(
      shop,
      access({ serviceUrl: () => undefined, token: async () => undefined }),
      ["orderProcessing", "payments.charge", "products.listProducts"],
    );
    expect(targets.map((t) => `${t.name} ${t.via}`)).toEqual(["products.listProducts gateway"]);
    expect(skipped).toEqual([
      { kind: "flow", name: "orderProcessing", reason: "orders.placeOrder needs a token: set JWT_SECRET" },
      { kind: "endpoint", name: "payments.charge", reason: "internal, and no URL for payments: set PAYMENTS_URL" },
    ]);
  });

  it("show each flow's budget chain hop by hop, as validate adds it up", () => {
    const [registration, order] = flowChains(shop, [], []);
    expect(registration).toMatchObject({ flow: "userRegistration", total: 90, sloP95: 150, pass: true });
    expect(order!.hops.map((h) => [h.target, h.depth, h.budgetP95])).toEqual([
      ["orders.placeOrder", 0, 70],
      ["products.reserveStock", 1, 25],
      ["payments.charge", 1, 50],
      ["paymentGateway", 2, undefined],
    ]);
    expect(order).toMatchObject({ total: 145, sloP95: 450, pass: true });
  });
});

describe("judging a run", () => {
  const sample = (statuses: [number, number][], latencies: number[], errors = 0): LoadSample => ({
    durationMs: 2000,
    offered: 20,
    latencies,
    corrected: latencies,
    statuses: new Map(statuses),
    errors,
    timeouts: errors,
  });

  it("takes nearest-rank percentiles", () => {
    expect(percentiles([5, 1, 4, 2, 3])).toEqual({ p50: 3, p90: 5, p95: 5, p99: 5, max: 5 });
    expect(percentiles([])).toBeUndefined();
  });

  it("fails a flow on any non-2xx, an endpoint only on 5xx and undeclared statuses", async () => {
    const { targets } = await planTargets(shop, access(), ["orderProcessing", "orders.getOrder"]);
    const [flow, endpoint] = targets as [SlaTarget, SlaTarget];
    const fast = Array.from({ length: 20 }, () => 10);
    expect(
      judge(
        flow,
        sample(
          [
            [201, 19],
            [409, 1],
          ],
          fast,
        ),
      ).measured,
    ).toMatchObject({ failed: 1, errorRate: 5, non2xx: 1 });
    const got = judge(
      endpoint,
      sample(
        [
          [404, 18],
          [429, 1],
          [503, 1],
        ],
        fast,
      ),
    );
    expect(got.measured).toMatchObject({ failed: 2, errorRate: 10, non2xx: 20, achievedRps: 10, offeredRps: 10 });
    expect(got.checks.map((c) => [c.name, c.pass])).toEqual([
      ["p95", true],
      ["p99", true],
      ["error rate", false],
      ["rate", true],
    ]);
    const slow = judge(
      endpoint,
      sample(
        [[200, 10]],
        Array.from({ length: 10 }, (_, i) => 20 + i * 5),
        0,
      ),
    );
    expect(slow.checks.filter((c) => !c.pass).map((c) => [c.name, c.measured, c.limit])).toEqual([
      ["p95", 65, 25],
      ["rate", 5, 9],
    ]);
  });
});

describe("driving load with autocannon", () => {
  let server: Server;
  let url: string;
  let delayMs = 30;
  beforeAll(async () => {
    server = createServer((req, res) =>
      setTimeout(() => res.writeHead(req.url === "/missing" ? 404 : 200).end("{}"), delayMs),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the fixed rate for the window and measures each answer", async () => {
    delayMs = 30;
    const result = await drive(
      { url: `${url}/missing`, method: "GET", headers: {}, idReplacement: false, timeoutS: 5 },
      { rate: 20, durationMs: 1000, connections: 10 },
    );
    expect(result.statuses).toEqual(new Map([[404, 20]]));
    expect(result.latencies).toHaveLength(20);
    expect(Math.min(...result.latencies)).toBeGreaterThanOrEqual(29);
    expect(result.corrected).toEqual(result.latencies);
  });

  it("adds the held-back requests' waits when answers are slower than a connection's interval", async () => {
    delayMs = 600;
    const result = await drive(
      { url, method: "GET", headers: {}, idReplacement: false, timeoutS: 5 },
      { rate: 20, durationMs: 1000, connections: 10 },
    );
    expect(result.latencies.length).toBeGreaterThan(0);
    expect(result.corrected.length).toBeGreaterThan(result.latencies.length);
    expect(Math.max(...result.corrected)).toBe(Math.max(...result.latencies));
  });
});

describe("the JUnit report", () => {
  it("parses, counts the breached target and escapes what XML reserves", async () => {
    const { targets } = await planTargets(shop, access(), ["orders.getOrder", "orders.listOrders"]);
    const samples: LoadSample[] = [
      {
        durationMs: 1000,
        offered: 10,
        latencies: [300],
        corrected: [300],
        statuses: new Map([[200, 10]]),
        errors: 0,
        timeouts: 0,
      },
      {
        durationMs: 1000,
        offered: 10,
        latencies: [5],
        corrected: [5],
        statuses: new Map([[200, 10]]),
        errors: 0,
        timeouts: 0,
      },
    ];
    const results = targets.map((target, i) => ({
      target: { ...target, name: i === 0 ? `${target.name} <"&'>` : target.name },
      connections: 10,
      ...judge(target, samples[i]!),
      pass: i !== 0,
    }));
    const run: SlaRun = {
      settings: { rate: 10, durationMs: 1000, warmupMs: 0, only: [] },
      results,
      skipped: [{ kind: "flow", name: "orderProcessing", reason: "needs <a> token" }],
      chains: flowChains(shop, results, []),
      pass: false,
    };
    const junit = await parseJunit(junitReport(run, "architecture.yaml"));
    expect(junit.tests).toBe(2 + 1 + 2);
    expect(junit.failures).toBe(1);
    expect(junit.failed).toEqual([
      {
        name: `orders.getOrder <"&'>`,
        message: `orders.getOrder <"&'>: p95 300ms over its 25ms budget; orders.getOrder <"&'>: p99 300ms over its 250ms budget`,
      },
    ]);
  });
});
