import { fetch } from "undici";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import { createGateway, issueToken } from "../../../src/runtime/gateway/index.js";
import { expectProblem, Hosts, shopModel } from "../service/helpers.js";
import { gatewayOverEcho, SECRET, token } from "./setup.js";

const ORDER = "7d1c5c1e-3a55-4b8e-9d43-2f4f1b7e9a10";
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

async function gateway() {
  const g = await gatewayOverEcho(model, hosts);
  cleanups.push(g.close);
  return g;
}

const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

describe("gateway: JWT verification", () => {
  it("answers 401 problem+json with WWW-Authenticate when the token is missing", async () => {
    const { url, seen } = await gateway();
    const response = await fetch(`${url}/orders/${ORDER}`);
    const body = await expectProblem(response, 401);
    expect(body.detail).toBe("a bearer token is required");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="shop", error="invalid_token"/);
    expect(seen).toEqual([]);
  });

  it("answers 401 for a forged, an expired, a wrong-audience and a wrong-issuer token", async () => {
    const { url, seen } = await gateway();
    const cases = [
      [await token({}, "some-other-secret-of-sufficient-length"), "the token's signature is not valid"],
      [await token({ exp: Math.floor(Date.now() / 1000) - 60 }), "the token has expired"],
      [await token({ aud: "someone-else" }), `the token's "aud" claim is not accepted`],
      [await token({ iss: "mallory" }), `the token's "iss" claim is not accepted`],
      ["not.a.jwt", "the token is malformed"],
    ] as const;
    for (const [jwt, reason] of cases) {
      const body = await expectProblem(await fetch(`${url}/orders/${ORDER}`, { headers: bearer(jwt) }), 401);
      expect(body.detail).toBe(reason);
    }
    expect(seen).toEqual([]);
  });

  it("answers 403 without the endpoint's role, and proxies with it", async () => {
    const { url, seen } = await gateway();
    const customer = await token({ roles: ["customer"] });
    const forbidden = await expectProblem(
      await fetch(`${url}/orders/${ORDER}/shipment`, { method: "POST", headers: bearer(customer) }),
      403,
    );
    expect(forbidden.detail).toBe('this operation needs the role "admin"');
    const admin = await token({ sub: "admin-1", roles: ["admin"] });
    const response = await fetch(`${url}/orders/${ORDER}/shipment`, {
      method: "POST",
      headers: { ...bearer(admin), "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("forwards the verified identity, never the caller's own identity headers", async () => {
    const { url, seen } = await gateway();
    const jwt = await token({ sub: "user-7", roles: ["customer", "beta"] });
    const response = await fetch(`${url}/orders/${ORDER}`, {
      headers: { ...bearer(jwt), "x-user-id": "admin-1", "x-user-roles": "admin", "x-request-id": "gw-1" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("gw-1");
    expect(seen[0]?.headers).toMatchObject({
      "x-user-id": "user-7",
      "x-user-roles": "customer,beta",
      "x-request-id": "gw-1",
      authorization: `Bearer ${jwt}`,
    });
    const anonymous = await fetch(`${url}/products`, { headers: { "x-user-id": "admin-1" } });
    expect(anonymous.status).toBe(200);
    expect(seen[1]?.headers["x-user-id"]).toBeUndefined();
  });

  it("accepts the tokens issueToken signs, with roles under the roles claim", async () => {
    const { url, seen } = await gateway();
    const issued = await issueToken({ sub: "admin-2", roles: ["admin"] }, { model, secret: SECRET });
    expect(issued).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    const response = await fetch(`${url}/reports/sales?from=2026-01-01`, { headers: bearer(issued.accessToken) });
    expect(response.status).toBe(200);
    expect(seen[0]?.headers["x-user-roles"]).toBe("admin");
    await expect(issueToken({ sub: "x" }, { model, env: {} })).rejects.toThrow("set JWT_SECRET");
  });

  it("refuses to start without the secret it needs", () => {
    const targets = Object.fromEntries(model.services.map((s) => [s.id, "http://127.0.0.1:9"]));
    expect(() => createGateway({ model, targets, env: {} })).toThrow("set JWT_SECRET");
  });
});
