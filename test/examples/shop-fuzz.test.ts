import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as formats from "ajv-formats";
import fc from "fast-check";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeModel, PROBLEM_SCHEMA, type ComputedModel, type Endpoint } from "../../src/model/index.js";
import { digestedBody } from "../../src/runtime/gateway/signed-body.js";
import { IDENTITY_HEADER } from "../../src/runtime/identity/index.js";
import { callerSigner, nothingMayCall } from "../../src/runtime/service/index.js";
import {
  baseRequest,
  classesFor,
  HOSTILE_CLASSES,
  hostileRequests,
  type HostileClass,
  type HostileRequest,
} from "../fuzz/hostile-requests.js";
import { ROOT, startShop, type ShopSystem } from "./shop-system.js";

const SECRET = "fuzz-secret-of-at-least-32-characters!!";
const ADMIN = { email: "admin@shop.example.com", password: "admin-password-for-tests" };
/** Hostile requests per endpoint and class (`ARCHKIT_FUZZ_RUNS` overrides). */
const RUNS = Number(process.env.ARCHKIT_FUZZ_RUNS ?? 3);

const addFormats = ((formats as { default?: unknown }).default ?? formats) as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validProblem = ajv.compile(PROBLEM_SCHEMA);

type Runtime = typeof import("../../src/runtime/index.js");

let shop: ShopSystem;
let computed: ComputedModel;
let gatewayUrl: string;
let closeGateway: () => Promise<void>;
let token: string;
const statuses = new Map<HostileClass, Map<number, number>>();
const endpointsHit = new Set<string>();

beforeAll(async () => {
  shop = await startShop(SECRET, ADMIN);
  computed = computeModel(shop.model);
  const runtime = (await import(pathToFileURL(join(ROOT, "dist", "runtime", "index.js")).href)) as Runtime;
  const gateway = runtime.createGateway({
    model: { ...shop.model, gateway: { ...shop.model.gateway!, rateLimit: undefined } },
    targets: shop.urls,
    env: { JWT_SECRET: SECRET, ...shop.identityEnv(runtime.GATEWAY_WORKLOAD) },
    logger: runtime.createLogger({ level: "silent" }),
    accessLog: false,
  });
  gatewayUrl = (await gateway.listen(0, "127.0.0.1")).url;
  closeGateway = gateway.close;
  const login = await request(`${gatewayUrl}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  token = ((await login.body.json()) as { accessToken: string }).accessToken;
}, 240_000);

afterAll(async () => {
  await closeGateway?.();
  await shop?.close();
  const table = Object.fromEntries(
    [...statuses].map(([c, byStatus]) => [c, Object.fromEntries([...byStatus].sort(([a], [b]) => a - b))]),
  );
  const total = [...statuses.values()].reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0);
  console.log(`hostile requests: ${total} over ${endpointsHit.size} endpoints\n${JSON.stringify(table, null, 1)}`);
});

/**
 * Public endpoints through the gateway with an admin's token; the others straight to their
 * service, signed as their declared caller over the body the service will parse.
 */
async function send(
  endpoint: Endpoint,
  hostile: HostileRequest,
): Promise<{ status: number; type: string; text: string }> {
  const base = endpoint.public ? gatewayUrl : shop.urls[endpoint.service as keyof ShopSystem["urls"]];
  const identity = endpoint.public ? { authorization: `Bearer ${token}` } : signed(endpoint, hostile);
  const response = await request(`${base}${hostile.target}`, {
    method: hostile.method,
    headers: { ...identity, ...hostile.headers },
    body: hostile.body,
  });
  const text = await response.body.text();
  return { status: response.statusCode, type: String(response.headers["content-type"] ?? ""), text };
}

function signed(endpoint: Endpoint, hostile: HostileRequest): Record<string, string> {
  const signer = callerSigner(shop.model, endpoint, shop.identitySecret);
  if (!signer) throw new Error(nothingMayCall(endpoint));
  const user = { id: crypto.randomUUID(), roles: ["admin"] };
  const token = signer.sign({
    audience: endpoint.service,
    method: hostile.method,
    path: hostile.target,
    body: parsedBody(hostile),
    user,
  });
  return { [IDENTITY_HEADER]: token };
}

/** The bytes the service parses as JSON, worked out as the gateway does for its signature. */
function parsedBody(hostile: HostileRequest): Buffer | undefined {
  const headers = Object.fromEntries(Object.entries(hostile.headers).map(([k, v]) => [k.toLowerCase(), v]));
  if (hostile.body === undefined) return undefined;
  const raw = Buffer.from(hostile.body);
  try {
    return digestedBody(raw, headers["content-type"], headers["content-encoding"]);
  } catch {
    return raw;
  }
}

function record(hostile: HostileRequest, status: number): void {
  const byStatus = statuses.get(hostile.class) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  statuses.set(hostile.class, byStatus);
  endpointsHit.add(hostile.endpoint);
}

describe("the shop under hostile input: no 5xx, problem+json on every 4xx", () => {
  it("covers every endpoint the computed model lists and every class", () => {
    expect(computed.endpoints.length).toBeGreaterThan(10);
    const classes = new Set(computed.endpoints.flatMap((e) => classesFor(e)));
    expect([...classes].sort()).toEqual([...HOSTILE_CLASSES].sort());
  });

  it.each(HOSTILE_CLASSES.map((c) => [c]))(
    "%s",
    async (hostileClass) => {
      for (const endpoint of computed.endpoints) {
        if (!classesFor(endpoint).includes(hostileClass)) continue;
        const base = baseRequest(computed, endpoint);
        await fc.assert(
          fc.asyncProperty(hostileRequests(endpoint, base, hostileClass), async (hostile) => {
            const answer = await send(endpoint, hostile);
            record(hostile, answer.status);
            const where = `${hostile.method} ${endpoint.path} (${hostile.mutation}) answered ${answer.status}: ${answer.text.slice(0, 300)}`;
            expect(answer.status, where).toBeLessThan(500);
            if (answer.status < 400) return;
            expect(answer.type, where).toMatch(/^application\/problem\+json/);
            const body = JSON.parse(answer.text) as unknown;
            expect(validProblem(body), where).toBe(true);
            expect((body as { status: number }).status, where).toBe(answer.status);
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
      }
    },
    300_000,
  );
});
