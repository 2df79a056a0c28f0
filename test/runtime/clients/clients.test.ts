import { afterEach, describe, expect, it } from "vitest";
import { closeClients, createClients, UpstreamError, type ClientsOptions } from "../../../src/runtime/clients/index.js";
import { runWithCorrelation } from "../../../src/runtime/observability/index.js";
import { specModel } from "../service/helpers.js";
import { memoryLogger } from "../service/helpers.js";
import { startProvider, type Reply, type Seen } from "./provider.js";

const SPEC = `archkit: 1
system: { name: calls, title: Calls }
externals:
  mailer: { title: Mailer, protocol: https }
services:
  caller:
    endpoints:
      run:
        method: POST
        path: /run
        responses: { 204: ~ }
        calls: [provider.read, provider.write, provider.slow]
    consumes:
      ThingWritten: { handler: notify, deadLetter: true, calls: [mailer] }
  provider:
    endpoints:
      read:
        method: GET
        path: /things/{id}
        request: { params: { id: { type: string } }, query: { expand: { type: boolean } } }
        responses: { 200: { type: object }, 404: Problem, 503: Problem }
      write:
        method: POST
        path: /things
        request: { body: { type: object } }
        responses: { 201: { type: object }, 409: Problem, 503: Problem }
        publishes: [ThingWritten]
      slow:
        method: GET
        path: /slow
        timeout: 100ms
        responses: { 200: { type: object } }
events:
  ThingWritten: { schema: { type: object } }
`;

type Names = "provider.read" | "provider.write" | "provider.slow";
const model = specModel(SPEC);
const opened: object[] = [];
const providers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => closeClients(c)));
  await Promise.all(providers.splice(0).map((p) => p.close()));
});

async function setup(reply: (seen: Seen) => Reply, options: Partial<ClientsOptions> = {}) {
  const provider = await startProvider(reply);
  providers.push(provider);
  const clients = createClients<Names, "mailer">({
    model,
    service: "caller",
    urls: { provider: provider.url, mailer: `${provider.url}/mail` },
    retry: { baseDelayMs: 5 },
    breaker: { volumeThreshold: 100 },
    ...options,
  });
  opened.push(clients);
  return { clients, seen: provider.seen };
}

async function failure(call: Promise<unknown>): Promise<UpstreamError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe("clients: only declared calls", () => {
  it("has exactly the calls of the service's endpoints and consumers", async () => {
    const { clients } = await setup(() => ({ status: 200, body: {} }));
    expect(Object.keys(clients).sort()).toEqual(["mailer", "provider.read", "provider.slow", "provider.write"]);
  });

  it("throws an error naming the declared calls when an undeclared one is forced", async () => {
    const { clients } = await setup(() => ({ status: 200, body: {} }));
    // @ts-expect-error provider.remove is not a declared call
    expect(() => clients["provider.remove"]).toThrow(
      /service caller does not declare a call to "provider.remove"; declared calls: provider.read, provider.write, provider.slow, mailer/,
    );
  });

  it("needs a base URL for every provider, naming the variable to set", () => {
    expect(() => createClients({ model, service: "caller", env: {} })).toThrow(
      "no base URL for service provider: set PROVIDER_URL or pass urls.provider",
    );
    expect(() => createClients({ model, service: "caller", env: { PROVIDER_URL: "http://p" } })).toThrow(
      "set EXTERNAL_MAILER_URL",
    );
  });
});

describe("clients: requests and answers", () => {
  it("fills the path and query, sends JSON, and reads the answer", async () => {
    const { clients, seen } = await setup((req) => ({
      status: req.method === "POST" ? 201 : 200,
      body: { id: "a/b", ok: true },
    }));
    const result = await clients["provider.read"]({ params: { id: "a/b" }, query: { expand: true, tag: ["x", "y"] } });
    expect(result).toMatchObject({ status: 200, body: { id: "a/b", ok: true } });
    expect(seen[0]?.url).toBe("/things/a%2Fb?expand=true&tag=x&tag=y");
    await clients["provider.write"]({ body: { name: "thing" } });
    expect(seen[1]).toMatchObject({ method: "POST", url: "/things", body: '{"name":"thing"}' });
    expect(seen[1]?.headers["content-type"]).toBe("application/json");
  });

  it("returns a declared error status as a result carrying the provider's problem", async () => {
    const { clients, seen } = await setup(() => ({
      status: 409,
      body: { title: "Conflict", status: 409, detail: "thing exists" },
    }));
    const result = await clients["provider.write"]({ body: {} });
    expect(result).toMatchObject({ status: 409, body: { title: "Conflict", status: 409, detail: "thing exists" } });
    expect(seen).toHaveLength(1);
  });

  it("forwards the correlation id, Authorization and identity to services, only the correlation id to externals", async () => {
    const { clients, seen } = await setup(() => ({ status: 200, body: {} }));
    const context = {
      correlationId: "corr-9",
      log: memoryLogger().logger,
      forwardHeaders: { authorization: "Bearer t", "x-user-id": "u1" },
    };
    await runWithCorrelation(context, async () => {
      await clients["provider.read"]({ params: { id: "1" } });
      await clients.mailer({ path: "/send", body: { to: "ada@example.com" } });
    });
    expect(seen[0]?.headers).toMatchObject({ "x-request-id": "corr-9", authorization: "Bearer t", "x-user-id": "u1" });
    expect(seen[1]).toMatchObject({ method: "POST", url: "/mail/send" });
    expect(seen[1]?.headers["x-request-id"]).toBe("corr-9");
    expect(seen[1]?.headers.authorization).toBeUndefined();
  });
});

describe("clients: timeouts, retries, circuit breaker", () => {
  it("times out after the target endpoint's timeoutMs with a 504", async () => {
    const { clients, seen } = await setup(() => ({ status: 200, body: {}, delayMs: 1_000 }), {
      retry: { attempts: 1 },
    });
    const started = Date.now();
    const error = await failure(clients["provider.slow"]());
    expect(Date.now() - started).toBeLessThan(600);
    expect(error).toMatchObject({
      status: 504,
      failure: { kind: "timeout", timeoutMs: 100 },
      detail: "provider.slow did not answer within 100ms",
    });
    expect(seen).toHaveLength(1);
  });

  it("retries an idempotent call on 503 and timeouts, then gives up with the last error", async () => {
    const { clients, seen } = await setup((req) =>
      req.url === "/slow"
        ? { status: 200, body: {}, delayMs: 1_000 }
        : { status: 503, body: { title: "Service Unavailable", status: 503 } },
    );
    const error = await failure(clients["provider.read"]({ params: { id: "1" } }));
    expect(error.status).toBe(503);
    expect(seen).toHaveLength(3);
    const slow = await failure(clients["provider.slow"]());
    expect(slow.status).toBe(504);
    expect(seen.filter((s) => s.url === "/slow")).toHaveLength(3);
  });

  it("never retries a non-idempotent call", async () => {
    const { clients, seen } = await setup(() => ({ status: 503, body: { title: "Service Unavailable", status: 503 } }));
    await failure(clients["provider.write"]({ body: {} }));
    expect(seen).toHaveLength(1);
  });

  it("recovers when a retry succeeds", async () => {
    let calls = 0;
    const { clients, seen } = await setup(() => (++calls < 3 ? { status: 502 } : { status: 200, body: { ok: true } }));
    const result = await clients["provider.read"]({ params: { id: "1" } });
    expect(result.body).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
  });

  it("opens the circuit after failures, then fails fast without calling the provider", async () => {
    const { clients, seen } = await setup(
      () => ({ status: 500, body: { title: "Internal Server Error", status: 500 } }),
      {
        retry: { attempts: 1 },
        breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 },
      },
    );
    for (let i = 0; i < 3; i++) expect((await failure(clients["provider.write"]({ body: {} }))).status).toBe(500);
    const open = await failure(clients["provider.read"]({ params: { id: "1" } }));
    expect(open).toMatchObject({
      status: 503,
      failure: { kind: "circuit-open" },
      detail: "provider is failing; its circuit is open",
    });
    expect(seen).toHaveLength(3);
  });

  it("does not count declared answers (a 404 result) against the provider", async () => {
    const { clients, seen } = await setup(() => ({ status: 404, body: { title: "Not Found", status: 404 } }), {
      retry: { attempts: 1 },
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 },
    });
    for (let i = 0; i < 6; i++) expect((await clients["provider.read"]({ params: { id: "1" } })).status).toBe(404);
    expect(seen).toHaveLength(6);
  });

  it("reports an unreachable provider as 502", async () => {
    const clients = createClients<Names, "mailer">({
      model,
      service: "caller",
      urls: { provider: "http://127.0.0.1:9", mailer: "http://127.0.0.1:9" },
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    opened.push(clients);
    const error = await failure(clients["provider.read"]({ params: { id: "1" } }));
    expect(error).toMatchObject({ status: 502, failure: { kind: "network", code: "ECONNREFUSED" } });
  });

  it("reports a request that cannot be sent (a header with a control character) as the caller's 500, sending nothing and never retrying", async () => {
    const { clients, seen } = await setup(() => ({ status: 200, body: {} }));
    const error = await failure(clients.mailer({ path: "/send", headers: { "idempotency-key": "key\u0010" } }));
    expect(error).toMatchObject({ status: 500, failure: { kind: "unsendable" } });
    expect(error.detail).toMatch(/^the call to mailer could not be sent: invalid idempotency-key header/);
    expect(seen).toEqual([]);
  });

  it("retries even a non-idempotent call when the connection was refused (nothing was sent)", async () => {
    const urls = { provider: "http://127.0.0.1:9", mailer: "http://127.0.0.1:9" };
    const clients = createClients<Names, "mailer">({
      model,
      service: "caller",
      urls,
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 100 },
    });
    opened.push(clients);
    const started = Date.now();
    await failure(clients["provider.write"]({ body: {} }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});
