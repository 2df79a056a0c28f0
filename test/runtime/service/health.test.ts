import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fetch } from "undici";
import { ADMIN_PORT_OFFSET, adminPort } from "../../../src/model/naming.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import type { DatabaseHandle } from "../../../src/runtime/contracts.js";
import { createService } from "../../../src/runtime/service/index.js";
import { expectProblem, Hosts, memoryLogger, shopModel } from "./helpers.js";
import { IDS, productHandlers } from "./products.js";

let model: Model;
const hosts = new Hosts();
beforeAll(async () => {
  model = await shopModel();
});
afterEach(() => hosts.closeAll());

function fakeDb(up: { value: boolean }, closed: string[] = []): DatabaseHandle {
  return {
    dialect: "pglite",
    db: undefined as never,
    ping: async () => up.value,
    close: async () => void closed.push("db"),
  };
}

describe("service host: health, readiness, metrics", () => {
  it("/healthz answers while the process runs", async () => {
    const url = await hosts.start(
      createService({ model, service: "products" }, productHandlers(), { logger: memoryLogger().logger }),
    );
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz checks the database and the bus; 503 problem+json naming what is down", async () => {
    const db = { value: true };
    const bus = { ready: async () => true, stop: async () => {} };
    const host = createService({ model, service: "products" }, productHandlers(), {
      logger: memoryLogger().logger,
      db: fakeDb(db),
      bus,
    });
    expect(host.state()).toEqual({ kind: "starting" });
    const url = await hosts.start(host);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { db: true, bus: true } });
    db.value = false;
    const down = await expectProblem(await fetch(`${url}/readyz`), 503);
    expect(down.detail).toBe("not ready: db");
  });

  it("/metrics, on the admin port, counts requests and latency by route template and status", async () => {
    const host = createService({ model, service: "products" }, productHandlers(), { logger: memoryLogger().logger });
    const { url, adminUrl } = await hosts.listen(host);
    await fetch(`${url}/products/${IDS.ok}`);
    await fetch(`${url}/products/${IDS.missing}`);
    await fetch(`${url}/nowhere`);
    const response = await fetch(`${adminUrl}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/products/{productId}",status="200",service="products"} 1',
    );
    expect(text).toContain(
      'http_requests_total{method="GET",route="/products/{productId}",status="404",service="products"} 1',
    );
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404",service="products"} 1');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/products\/\{productId\}",status="200"[^}]*\} 1\n/,
    );
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("serves /metrics only on the admin port, the probes on both, nothing else on the admin port", async () => {
    const host = createService({ model, service: "products" }, productHandlers(), { logger: memoryLogger().logger });
    const { url, adminUrl, port, adminPort } = await hosts.listen(host);
    expect(adminPort).not.toBe(port);
    await expectProblem(await fetch(`${url}/metrics`), 404);
    for (const probe of ["/healthz", "/readyz"]) {
      expect((await fetch(`${url}${probe}`)).status).toBe(200);
      expect((await fetch(`${adminUrl}${probe}`)).status).toBe(200);
    }
    await expectProblem(await fetch(`${adminUrl}/products/${IDS.ok}`), 404);
    await host.close();
    await expect(fetch(`${adminUrl}/metrics`)).rejects.toThrow();
  });

  it("takes ADMIN_PORT when set, and a free port when the default admin port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const log = memoryLogger();
      const host = createService({ model, service: "products" }, productHandlers(), { logger: log.logger });
      const listening = await host.listen(taken - ADMIN_PORT_OFFSET, "127.0.0.1").catch(() => undefined);
      if (listening) {
        expect(listening.adminPort).not.toBe(taken);
        expect(log.lines().some((l) => String(l.msg).includes(`admin port ${taken} is taken`))).toBe(true);
        expect((await fetch(`${listening.adminUrl}/metrics`)).status).toBe(200);
        await host.close();
      }
      process.env.ADMIN_PORT = String(taken);
      const strict = createService({ model, service: "products" }, productHandlers(), { logger: log.logger });
      await expect(strict.listen(0, "127.0.0.1")).rejects.toThrow(/EADDRINUSE/);
      await strict.close();
    } finally {
      delete process.env.ADMIN_PORT;
      blocker.close();
    }
  });
});

describe("the admin port of each workload", () => {
  it.each([
    [3003, undefined, 4003],
    [3000, "", 4000],
    [3003, "9100", 9100],
    [0, undefined, 0],
  ])("adminPort(%j, %j) is %j", (port, configured, want) => {
    expect(adminPort(port, configured)).toBe(want);
  });
});

describe("service host: correlation ids", () => {
  it("echoes x-request-id, hands it to the handler and puts it on every log line", async () => {
    const seen = { requests: [] as never[] };
    const log = memoryLogger();
    const handlers = productHandlers(seen, {
      async getProduct(req) {
        req.ctx.log.info("looking the product up");
        return {
          status: 200,
          body: {
            id: String(req.params.productId),
            sku: "S",
            name: "N",
            price: { amount: 1, currency: "EUR" },
            category: "c",
          },
        };
      },
    });
    const url = await hosts.start(createService({ model, service: "products" }, handlers, { logger: log.logger }));
    const response = await fetch(`${url}/products/${IDS.ok}`, { headers: { "x-request-id": "req-42" } });
    expect(response.headers.get("x-request-id")).toBe("req-42");
    const lines = log.lines().filter((l) => l.correlationId === "req-42");
    expect(lines.map((l) => l.msg)).toEqual(["looking the product up", "request completed"]);
    expect(lines[1]).toMatchObject({ method: "GET", route: "/products/{productId}", status: 200 });
  });

  it("can leave out the access log of successful requests, never of failed ones", async () => {
    const log = memoryLogger();
    const url = await hosts.start(
      createService({ model, service: "products", accessLog: false }, productHandlers(), { logger: log.logger }),
    );
    await fetch(`${url}/products/${IDS.ok}`);
    await fetch(`${url}/products/${IDS.crash}`);
    const access = log.lines().filter((l) => l.route === "/products/{productId}");
    expect(access.map((l) => [l.msg, l.status])).toEqual([["request failed", 500]]);
  });

  it("makes an id when none (or a dubious one) is sent", async () => {
    const url = await hosts.start(
      createService({ model, service: "products" }, productHandlers(), { logger: memoryLogger().logger }),
    );
    const fresh = await fetch(`${url}/products/${IDS.ok}`);
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const dubious = await fetch(`${url}/products/${IDS.ok}`, { headers: { "x-request-id": "a b\tc" } });
    expect(dubious.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await fetch(`${url}/nowhere`, { headers: { "x-request-id": "lost-1" } });
    expect(problem.headers.get("x-request-id")).toBe("lost-1");
  });
});
