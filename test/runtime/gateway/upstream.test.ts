import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { fetch } from "undici";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import { createGateway } from "../../../src/runtime/gateway/index.js";
import { startProvider } from "../clients/provider.js";
import { expectProblem, Hosts, memoryLogger, shopModel } from "../service/helpers.js";

let model: Model;
const hosts = new Hosts();
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  model = await shopModel();
});
afterEach(async () => {
  await hosts.closeAll();
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function withGateway(changes: Partial<NonNullable<Model["gateway"]>>): Model {
  return { ...model, gateway: { ...model.gateway!, ...changes } };
}

async function jwksServer(jwks: unknown): Promise<string> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
}

/** A service that drops a kept-alive connection as its second request arrives, as one restarting does. */
async function droppingService(): Promise<{ url: string; answered: string[] }> {
  const answered: string[] = [];
  const perSocket = new WeakMap<object, number>();
  const server: Server = createServer((req, res) => {
    const count = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, count);
    if (count > 1) {
      req.socket.destroy();
      return;
    }
    req.resume();
    req.on("end", () => {
      answered.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answered };
}

describe("gateway: upstream behaviour", () => {
  it("sends a safe request again on a new connection when the service drops the kept-alive one, never a request with a body", async () => {
    const service = await droppingService();
    const targets = Object.fromEntries(model.services.map((s) => [s.id, service.url]));
    const url = await hosts.start(
      createGateway({ model, targets, env: { JWT_SECRET: "x".repeat(32) }, logger: memoryLogger().logger }),
    );
    expect((await fetch(`${url}/products`)).status).toBe(200);
    expect((await fetch(`${url}/products?limit=1`)).status).toBe(200);
    expect(service.answered).toEqual(["GET /products", "GET /products?limit=1"]);
    const body = JSON.stringify({ email: "a@example.com", password: "correct horse battery", name: "A" });
    const post = await fetch(`${url}/users`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect((await expectProblem(post, 502)).detail).toBe("users is unreachable");
    expect(service.answered).toHaveLength(2);
  });

  it("answers 504 problem+json when the service does not answer within the gateway timeout", async () => {
    const slow = await startProvider(() => ({ status: 200, body: {}, delayMs: 1_000 }));
    cleanups.push(slow.close);
    const targets = Object.fromEntries(model.services.map((s) => [s.id, slow.url]));
    const gateway = createGateway({
      model: withGateway({ timeoutMs: 100 }),
      targets,
      env: { JWT_SECRET: "x".repeat(32) },
      logger: memoryLogger().logger,
    });
    const url = await hosts.start(gateway);
    const started = Date.now();
    const body = await expectProblem(await fetch(`${url}/products`), 504);
    expect(Date.now() - started).toBeLessThan(700);
    expect(body.detail).toBe("products did not answer within 100ms");
  });

  it("verifies RS256 tokens against the provider's JWKS when the spec gives jwksUrl", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwksUrl = await jwksServer({
      keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" }],
    });
    const echo = await startProvider((seen) => ({ status: 200, body: { user: seen.headers["x-user-id"] } }));
    cleanups.push(echo.close);
    const targets = Object.fromEntries(model.services.map((s) => [s.id, echo.url]));
    const auth = { ...model.gateway!.auth!, jwksUrl, algorithms: ["RS256"] };
    const url = await hosts.start(
      createGateway({ model: withGateway({ auth }), targets, env: {}, logger: memoryLogger().logger }),
    );
    const jwt = await new SignJWT({ roles: ["customer"] })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject("user-9")
      .setIssuer("shop")
      .setAudience("shop-api")
      .setExpirationTime("5m")
      .sign(privateKey);
    const response = await fetch(`${url}/orders`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: "user-9" });
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("x")
      .setIssuer("shop")
      .setAudience("shop-api")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("s".repeat(32)));
    await expectProblem(await fetch(`${url}/orders`, { headers: { authorization: `Bearer ${hs}` } }), 401);
  });
});
