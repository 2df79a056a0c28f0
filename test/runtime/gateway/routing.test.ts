import { createHash } from "node:crypto";
import { fetch } from "undici";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import { createGateway } from "../../../src/runtime/gateway/index.js";
import { expectProblem, Hosts, memoryLogger, shopModel } from "../service/helpers.js";
import { startProvider } from "../clients/provider.js";
import { gatewayOverEcho, SECRET, startRedis } from "./setup.js";

let model: Model;
const hosts = new Hosts();
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  model = await shopModel();
});
afterEach(async () => {
  await hosts.closeAll();
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function gateway(m: Model = model, env: Record<string, string> = { JWT_SECRET: SECRET }) {
  const g = await gatewayOverEcho(m, hosts, { env });
  cleanups.push(g.close);
  return g;
}

function limited(requests: number): Model {
  return { ...model, gateway: { ...model.gateway!, rateLimit: { requests, perMs: 60_000 } } };
}

describe("gateway: routing", () => {
  it("routes public endpoints with their query strings and adds forwarding headers", async () => {
    const { url, seen } = await gateway();
    const response = await fetch(`${url}/products/search?q=tea&page=2`);
    expect(response.status).toBe(200);
    expect(seen[0]).toMatchObject({ method: "GET", url: "/products/search?q=tea&page=2" });
    expect(seen[0]?.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen[0]?.headers["x-request-id"]).toBe(response.headers.get("x-request-id"));
  });

  it("never routes internal endpoints: 404, and 405 for a wrong method", async () => {
    const { url, seen } = await gateway();
    await expectProblem(
      await fetch(`${url}/products/7d1c5c1e-3a55-4b8e-9d43-2f4f1b7e9a10/reservations`, { method: "POST" }),
      404,
    );
    await expectProblem(await fetch(`${url}/payments`, { method: "POST" }), 404);
    const wrong = await fetch(`${url}/products`, { method: "PUT" });
    await expectProblem(wrong, 405);
    expect(wrong.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(seen).toEqual([]);
  });

  it("streams request bodies through unchanged", async () => {
    const { url, seen } = await gateway();
    const big = JSON.stringify({ email: "ada@example.com", password: "x".repeat(300_000), name: "Ada" });
    const response = await fetch(`${url}/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(response.status).toBe(200);
    expect(seen[0]?.body.length).toBe(big.length);
    expect(createHash("sha256").update(seen[0]!.body).digest("hex")).toBe(
      createHash("sha256").update(big).digest("hex"),
    );
  });

  it("answers 502 problem+json when the service is unreachable", async () => {
    const targets = Object.fromEntries(model.services.map((s) => [s.id, "http://127.0.0.1:9"]));
    const url = await hosts.start(
      createGateway({ model, targets, env: { JWT_SECRET: SECRET }, logger: memoryLogger().logger }),
    );
    const body = await expectProblem(await fetch(`${url}/products`), 502);
    expect(body.detail).toBe("products is unreachable");
  });

  it("serves /healthz and /readyz, and helmet headers", async () => {
    const { url } = await gateway();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ready.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
    expect(ready.headers.get("x-powered-by")).toBeNull();
  });
});

describe("gateway: CORS", () => {
  it("answers a preflight from an allowed origin, and ignores others", async () => {
    const { url, seen } = await gateway();
    const preflight = {
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type",
    };
    const allowed = await fetch(`${url}/orders`, {
      method: "OPTIONS",
      headers: { origin: "https://shop.example.com", ...preflight },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    const other = await fetch(`${url}/orders`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.com", ...preflight },
    });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const simple = await fetch(`${url}/products`, { headers: { origin: "https://admin.shop.example.com" } });
    expect(simple.headers.get("access-control-allow-origin")).toBe("https://admin.shop.example.com");
    expect(simple.headers.get("access-control-expose-headers")).toContain("x-request-id");
    expect(seen).toHaveLength(1);
  });
});

describe("gateway: rate limiting", () => {
  it("answers 429 problem+json with Retry-After past the limit", async () => {
    const { url, seen } = await gateway(limited(3));
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/products`)).status).toBe(200);
    const response = await fetch(`${url}/products`);
    const body = await expectProblem(response, 429);
    expect(body.detail).toBe("at most 3 requests per 1m; retry later");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("ratelimit-policy")).toContain("q=3");
    expect(seen).toHaveLength(3);
  });

  it("shares counts between gateways through Redis when REDIS_URL is set", async (context) => {
    const redis = await startRedis();
    if (!redis) return context.skip();
    cleanups.push(() => redis.stop());
    const env = { JWT_SECRET: SECRET, REDIS_URL: redis.url };
    const first = await gateway(limited(3), env);
    const second = await gateway(limited(3), env);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${first.url}/products`)).status).toBe(200);
    expect((await fetch(`${second.url}/products`)).status).toBe(200);
    expect((await fetch(`${first.url}/products`)).status).toBe(200);
    await expectProblem(await fetch(`${second.url}/products`), 429);
  });
});

describe("gateway: the admin port", () => {
  it("serves /metrics only on its admin port, never on the routed port, and forwards no /metrics upstream", async () => {
    const echo = await startProvider(() => ({ status: 200, body: {} }));
    cleanups.push(echo.close);
    const { url, adminUrl } = await hosts.listen(
      createGateway({
        model,
        targets: Object.fromEntries(model.services.map((s) => [s.id, echo.url])),
        env: { JWT_SECRET: SECRET },
        logger: memoryLogger().logger,
      }),
    );
    await fetch(`${url}/products/search?q=tea`);
    await expectProblem(await fetch(`${url}/metrics`), 404);
    expect(echo.seen.filter((s) => s.url.startsWith("/metrics"))).toEqual([]);
    const metrics = await fetch(`${adminUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('route="/products/search"');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${adminUrl}/readyz`)).status).toBe(200);
  });
});
