import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeModel, k8sName, OPTIONAL_RUNTIME_ENV } from "../../src/model/index.js";
import { manifests, render, shopModel } from "../generators/infra/helpers.js";
import { eventually, SERVICES, type ServiceName, type ShopSystem, startShop } from "./shop-system.js";

/**
 * The environment each rendered production Deployment gives a service must be what that service
 * really reads: observed by recording every read of its `env` and, for reads through
 * `process.env` (issueToken, the shop's own code), the service whose code made the read.
 */
const SECRET = "runtime-env-secret-of-at-least-32-characters";
const ADMIN = { email: "admin@shop.example.com", password: "admin-password-for-tests" };
const reads = new Map<ServiceName, Set<string>>(SERVICES.map((s) => [s, new Set<string>()]));
const userReads = new Map<ServiceName, Set<string>>(SERVICES.map((s) => [s, new Set<string>()]));

function recording(service: ServiceName, env: Record<string, string>): Record<string, string | undefined> {
  return new Proxy(env, {
    get(target, name) {
      if (typeof name === "string") reads.get(service)!.add(name);
      return Reflect.get(target, name);
    },
  });
}

/** The service whose code (runtime called from it, or its own) reads `process.env` now, from the stack. */
function readerOf(stack: string): { service: ServiceName; own: boolean } | undefined {
  const frames = stack.split("\n").slice(2);
  const first = frames.find((f) => !f.includes("node_modules") && !f.includes("runtime-env.test"));
  for (const frame of frames) {
    const match = /examples\/shop\/services\/([a-z]+)\/src\//.exec(frame);
    if (match && SERVICES.includes(match[1] as ServiceName)) {
      return { service: match[1] as ServiceName, own: first === frame };
    }
  }
  return undefined;
}

let shop: ShopSystem;
let original: NodeJS.ProcessEnv;
beforeAll(async () => {
  original = process.env;
  process.env = new Proxy(original, {
    get(target, name) {
      if (typeof name === "string" && /^[A-Z][A-Z0-9_]*$/.test(name)) {
        const reader = readerOf(new Error().stack ?? "");
        if (reader) (reader.own ? userReads : reads).get(reader.service)!.add(name);
      }
      return Reflect.get(target, name);
    },
  });
  shop = await startShop(SECRET, ADMIN, recording);
}, 120_000);
afterAll(async () => {
  await shop?.close();
  process.env = original;
});

async function call(method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${shop.gatewayUrl}${path}`, { method, headers, body: JSON.stringify(body) });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return response.json();
}

describe("each rendered Deployment gives exactly the environment its service reads", () => {
  it("plays the shop's flows while every read is recorded", async () => {
    const flows = shop.model.flows;
    const registration = flows.find((f) => f.id === "userRegistration")!.example!.body as Record<string, string>;
    const registered = await call("POST", "/users", registration);
    const login = await call("POST", "/auth/login", { email: registration.email, password: registration.password });
    const order = flows.find((f) => f.id === "orderProcessing")!.example!.body;
    expect((await call("POST", "/orders", order, login.accessToken)).status).toBe("paid");
    await eventually("the customer's notifications", async () => {
      const url = `${shop.gatewayUrl}/notifications?recipientId=${registered.id}`;
      const headers = { authorization: `Bearer ${await shop.adminToken()}` };
      const body = (await (await fetch(url, { headers })).json()) as { items: unknown[] };
      return body.items.length >= 2 ? true : undefined;
    });
  }, 60_000);

  it.each(SERVICES)(
    "%s",
    async (service) => {
      const model = await shopModel();
      const deployment = manifests(await render(model, "production")).find(
        (m) => m.kind === "Deployment" && m.metadata.name === k8sName(service),
      )!;
      const given = new Set((deployment.spec.template.spec.containers[0].env as { name: string }[]).map((e) => e.name));
      const declared = new Set(
        computeModel(model)
          .service(service)
          .def.env.map((v) => v.name),
      );
      const read = reads.get(service)!;
      const unread = [...given].filter((name) => !declared.has(name) && !read.has(name));
      expect(unread, `given to ${service} but never read`).toEqual([]);
      const missing = [...read].filter((name) => !given.has(name) && !OPTIONAL_RUNTIME_ENV.includes(name));
      expect(missing, `read by ${service} but not given`).toEqual([]);
      for (const name of userReads.get(service)!)
        expect([...declared], `${service}'s own code reads ${name}`).toContain(name);
      for (const name of declared) expect([...given], `declared ${name} reaches ${service}`).toContain(name);
    },
    60_000,
  );
});
