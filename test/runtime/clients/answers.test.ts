import fc from "fast-check";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type CallResult,
  closeClients,
  createClients,
  type ProblemDetails,
  UpstreamError,
} from "../../../src/runtime/index.js";
import { specModel } from "../service/helpers.js";
import { startProvider, type Reply, type Seen } from "./provider.js";

const SPEC = `archkit: 1
system: { name: answers, title: Answers }
externals:
  mailer: { title: Mailer, protocol: https }
services:
  caller:
    endpoints:
      run:
        method: POST
        path: /run
        responses: { 204: ~ }
        calls: [stock.reserve, stock.count, mailer]
  stock:
    endpoints:
      reserve:
        method: POST
        path: /items/{itemId}/reservations
        request:
          params: { itemId: { type: string } }
          body: { type: object, required: [quantity], properties: { quantity: { type: integer } } }
        responses: { 201: Reservation, 404: Problem, 409: Problem, 503: Problem }
      count:
        method: GET
        path: /items/{itemId}/count
        request: { params: { itemId: { type: string } } }
        responses: { 200: { type: object, required: [count], properties: { count: { type: integer } } }, 204: ~, 503: Problem }
schemas:
  Reservation: { type: object, required: [id], properties: { id: { type: string } } }
`;

/** What generated/clients.ts declares for the caller (checked against the generator in test/generators/services). */
interface Calls {
  "stock.reserve": {
    params: { itemId: string };
    query: Record<string, never>;
    body: { quantity: number };
    headers: Record<string, never>;
    result: CallResult<201, { id: string }> | CallResult<404, ProblemDetails> | CallResult<409, ProblemDetails>;
  };
  "stock.count": {
    params: { itemId: string };
    query: Record<string, never>;
    body: undefined;
    headers: Record<string, never>;
    result: CallResult<200, { count: number }> | CallResult<204, undefined>;
  };
}

const model = specModel(SPEC);
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()));
});

async function setup(reply: (seen: Seen) => Reply, breaker = { volumeThreshold: 100 }) {
  const provider = await startProvider(reply);
  const clients = createClients<Calls, "mailer">({
    model,
    service: "caller",
    urls: { stock: provider.url, mailer: `${provider.url}/mail` },
    retry: { baseDelayMs: 1 },
    breaker: { resetTimeoutMs: 60_000, ...breaker },
  });
  cleanup.push(
    () => closeClients(clients),
    () => provider.close(),
  );
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

const reserve = { params: { itemId: "i1" }, body: { quantity: 2 } };

describe("clients: declared answers are results", () => {
  it("returns a declared success with its body and headers", async () => {
    const { clients, seen } = await setup(() => ({ status: 201, body: { id: "r1" } }));
    const result = await clients["stock.reserve"](reserve);
    expect(result).toMatchObject({ status: 201, body: { id: "r1" } });
    expect(result.headers["content-type"]).toBe("application/json");
    expect(seen[0]).toMatchObject({ method: "POST", url: "/items/i1/reservations", body: '{"quantity":2}' });
  });

  it("returns every declared status below 500 (errors with their problem), each sent once", async () => {
    for (const status of [404, 409] as const) {
      const problem = { type: "about:blank", title: "Refused", status, detail: `said ${status}` };
      const { clients, seen } = await setup(() => ({ status, body: problem }));
      expect(await clients["stock.reserve"](reserve)).toMatchObject({ status, body: problem });
      expect(seen).toHaveLength(1);
    }
  });

  it("returns a declared answer without a body as an undefined body", async () => {
    const { clients } = await setup(() => ({ status: 204 }));
    expect(await clients["stock.count"]({ params: { itemId: "i1" } })).toMatchObject({ status: 204, body: undefined });
  });

  it("narrows the body type on the status", async () => {
    const { clients } = await setup(() => ({ status: 201, body: { id: "r1" } }));
    const result = await clients["stock.reserve"](reserve);
    if (result.status === 201) expectTypeOf(result.body).toEqualTypeOf<{ id: string }>();
    else expectTypeOf(result.body).toEqualTypeOf<ProblemDetails>();
    expectTypeOf(result.status).toEqualTypeOf<201 | 404 | 409>();
    expect(result.status).toBe(201);
  });
});

describe("clients: undeclared statuses and 5xx throw", () => {
  it("turns an undeclared 4xx into a 502 naming the declared statuses and the provider's detail, not retried", async () => {
    const { clients, seen } = await setup(() => ({
      status: 400,
      body: { title: "Bad Request", status: 400, detail: "quantity must be positive" },
    }));
    const error = await failure(clients["stock.reserve"](reserve));
    expect(error).toMatchObject({
      status: 502,
      title: "Bad Gateway",
      call: "stock.reserve",
      failure: { kind: "undeclared", status: 400, declared: [201, 404, 409] },
      detail:
        "stock.reserve answered 400, a status its spec does not declare (declared: 201, 404, 409): quantity must be positive",
    });
    expect(seen).toHaveLength(1);
  });

  it("turns an undeclared success into a 502 as well", async () => {
    const { clients } = await setup(() => ({ status: 200, body: { id: "r1" } }));
    const error = await failure(clients["stock.reserve"](reserve));
    expect(error.failure).toEqual({ kind: "undeclared", status: 200, declared: [201, 404, 409] });
    expect(error.detail).toBe(
      "stock.reserve answered 200, a status its spec does not declare (declared: 201, 404, 409)",
    );
  });

  it("throws a 5xx with the provider's status, declared or not, and retries an idempotent call on 503", async () => {
    const { clients, seen } = await setup((req) =>
      req.method === "GET"
        ? { status: 503, body: { title: "Service Unavailable", status: 503, detail: "draining" } }
        : { status: 500, body: { title: "Internal Server Error", status: 500 } },
    );
    const unavailable = await failure(clients["stock.count"]({ params: { itemId: "i1" } }));
    expect(unavailable).toMatchObject({ status: 503, detail: "draining", failure: { kind: "status", status: 503 } });
    expect(seen).toHaveLength(3);
    const broken = await failure(clients["stock.reserve"](reserve));
    expect(broken).toMatchObject({ status: 500, failure: { kind: "status", status: 500 } });
    expect(seen).toHaveLength(4);
  });

  it("opens the circuit on 5xx but never on declared results or undeclared statuses", async () => {
    let status = 409;
    const { clients, seen } = await setup(() => ({ status, body: { title: "x", status } }), {
      volumeThreshold: 3,
    });
    for (let i = 0; i < 4; i++) expect((await clients["stock.reserve"](reserve)).status).toBe(409);
    status = 418;
    for (let i = 0; i < 4; i++) expect((await failure(clients["stock.reserve"](reserve))).status).toBe(502);
    status = 500;
    let failed = 0;
    for (; failed < 20; failed++) {
      const error = await failure(clients["stock.reserve"](reserve));
      if (error.failure.kind === "circuit-open") break;
      expect(error.status).toBe(500);
    }
    expect(failed).toBeGreaterThanOrEqual(8);
    expect(failed).toBeLessThan(20);
    expect(seen).toHaveLength(8 + failed);
  });
});

describe("clients: every status has one outcome", () => {
  it("a declared status below 500 is a result, any other below 500 a 502 undeclared, a 5xx the provider's", async () => {
    let status = 200;
    const provider = await startProvider(() => ({ status, body: { title: "t", status } }));
    const clients = createClients<Calls>({
      model,
      service: "caller",
      urls: { stock: provider.url, mailer: provider.url },
      retry: { attempts: 1 },
      breaker: { volumeThreshold: 1_000_000 },
    });
    cleanup.push(
      () => closeClients(clients),
      () => provider.close(),
    );
    const declared = new Set([201, 404, 409]);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 200, max: 599 }), async (answered) => {
        status = answered;
        const outcome = await clients["stock.reserve"](reserve).then(
          (result) => ({ result: result.status }),
          (error: UpstreamError) => ({ status: error.status, kind: error.failure.kind }),
        );
        if (declared.has(answered)) expect(outcome).toEqual({ result: answered });
        else if (answered >= 500) expect(outcome).toEqual({ status: answered, kind: "status" });
        else expect(outcome).toEqual({ status: 502, kind: "undeclared" });
      }),
      { numRuns: 60 },
    );
  });
});

describe("clients: externals keep status semantics", () => {
  it("returns any status below 400 and throws a 4xx with its own status", async () => {
    let status = 202;
    const { clients } = await setup(() => ({ status, body: { title: "t", status, detail: "no such mailbox" } }));
    expect(await clients.mailer({ path: "/send", body: {} })).toMatchObject({ status: 202 });
    status = 404;
    const error = await failure(clients.mailer({ path: "/send", body: {} }));
    expect(error).toMatchObject({ status: 404, detail: "no such mailbox", failure: { kind: "status", status: 404 } });
  });
});
