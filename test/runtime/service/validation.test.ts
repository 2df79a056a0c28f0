import { fetch } from "undici";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import {
  createService,
  type Handler,
  type HandlerRequest,
  type HandlerResponse,
  type ProblemDetails,
} from "../../../src/runtime/service/index.js";
import { expectProblem, Hosts, memoryLogger, shopModel } from "./helpers.js";
import { IDS, productHandlers, type Seen } from "./products.js";

let model: Model;
const hosts = new Hosts();
beforeAll(async () => {
  model = await shopModel();
});
afterEach(() => hosts.closeAll());

async function products(options: { bodyLimit?: string } = {}) {
  const seen: Seen = { requests: [] };
  const log = memoryLogger();
  const host = createService({ model, service: "products", ...options }, productHandlers(seen), { logger: log.logger });
  const url = await hosts.start(host);
  return { url, seen, log };
}

const JSON_HEADERS = { "content-type": "application/json" };

describe("service host: routing and request validation", () => {
  it("routes literal segments before parameters: /products/search is not a product id", async () => {
    const { url, seen } = await products();
    const response = await fetch(`${url}/products/search?q=tea`);
    expect(response.status).toBe(200);
    expect(seen.requests.map((r) => r.endpoint)).toEqual(["searchProducts"]);
  });

  it("coerces query strings to the schema types and applies defaults", async () => {
    const { url, seen } = await products();
    const response = await fetch(`${url}/products?page=2&category=kitchen`);
    expect(response.status).toBe(200);
    expect(seen.requests[0]?.req.query).toEqual({ page: 2, limit: 20, category: "kitchen" });
    expect(await response.json()).toMatchObject({ page: 2, limit: 20 });
  });

  it("answers 400 with a JSON pointer for every invalid query field", async () => {
    const { url, seen } = await products();
    const body = await expectProblem(await fetch(`${url}/products?page=0&limit=abc`), 400);
    expect(body.errors).toEqual([
      { pointer: "/query/page", message: "must be >= 1" },
      { pointer: "/query/limit", message: "must be integer" },
    ]);
    expect(seen.requests).toEqual([]);
  });

  it("validates path parameters", async () => {
    const { url } = await products();
    const body = await expectProblem(await fetch(`${url}/products/not-a-uuid`), 400);
    expect(body.errors).toEqual([{ pointer: "/params/productId", message: 'must match format "uuid"' }]);
  });

  it("points at missing, wrong and unexpected body fields", async () => {
    const { url } = await products();
    const sent = { sku: "S1", price: { amount: "12", currency: "EUR" }, category: "kitchen", colour: "red" };
    const response = await fetch(`${url}/products`, {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify(sent),
    });
    const body = await expectProblem(response, 400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { pointer: "/body/name", message: "is required" },
        { pointer: "/body/colour", message: "is not allowed" },
        { pointer: "/body/price/amount", message: "must be number" },
      ]),
    );
  });

  it("applies body defaults and passes the validated body to the handler", async () => {
    const { url, seen } = await products();
    const sent = { sku: "S1", name: "Cup", price: { amount: 3, currency: "EUR" }, category: "kitchen" };
    const response = await fetch(`${url}/products`, {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify(sent),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/products/1");
    expect(seen.requests[0]?.req.body).toEqual({ ...sent, initialStock: 0 });
  });

  it("requires a declared body, and refuses one that is not JSON with 415", async () => {
    const { url } = await products();
    const missing = await expectProblem(await fetch(`${url}/products`, { method: "POST" }), 400);
    expect(missing.errors).toEqual([{ pointer: "/body", message: "is required" }]);
    await expectProblem(
      await fetch(`${url}/products`, { method: "POST", headers: { "content-type": "text/plain" }, body: "sku=1" }),
      415,
    );
  });

  it("answers 400 for malformed JSON", async () => {
    const { url } = await products();
    const body = await expectProblem(
      await fetch(`${url}/products`, { method: "POST", headers: JSON_HEADERS, body: '{"sku": ' }),
      400,
    );
    expect(body.errors).toEqual([{ pointer: "/body", message: "is not valid JSON" }]);
  });

  it("answers 413 when the body exceeds the limit", async () => {
    const { url, seen } = await products({ bodyLimit: "1kb" });
    const sent = { sku: "S1", name: "x".repeat(2048), price: { amount: 3, currency: "EUR" }, category: "kitchen" };
    const body = await expectProblem(
      await fetch(`${url}/products`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(sent) }),
      413,
    );
    expect(body.title).toBe("Content Too Large");
    expect(seen.requests).toEqual([]);
  });

  it("answers 404 for an unknown path and 405 with Allow for a wrong method, as problem+json", async () => {
    const { url } = await products();
    const notFound = await expectProblem(await fetch(`${url}/nothing/here`), 404);
    expect(notFound.instance).toBe("/nothing/here");
    const response = await fetch(`${url}/products`, { method: "DELETE" });
    await expectProblem(response, 405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});

describe("service host: answers and errors", () => {
  it("never sends a response that breaks its schema: 500, and a log line naming the field", async () => {
    const { url, log } = await products();
    const response = await fetch(`${url}/products/${IDS.wrongBody}`);
    const body = await expectProblem(response, 500);
    expect(JSON.stringify(body)).not.toContain("12.50");
    const line = log.lines().find((l) => l.level === 50 && String(l.msg).includes("breaks its schema"));
    expect(line?.msg).toContain("/price/amount must be number");
    expect(line?.correlationId).toBe(response.headers.get("x-request-id"));
  });

  it("treats a status the spec does not declare as a 500", async () => {
    const { url, log } = await products();
    await expectProblem(await fetch(`${url}/products/${IDS.undeclaredStatus}`), 500);
    expect(log.lines().some((l) => String(l.msg).includes("answered 202, a status the spec does not declare"))).toBe(
      true,
    );
  });

  it("sends a declared problem answer and a thrown HttpProblem with its own status", async () => {
    const { url } = await products();
    const missing = await expectProblem(await fetch(`${url}/products/${IDS.missing}`), 404);
    expect(missing.detail).toBe(`no product ${IDS.missing}`);
    const bare = await expectProblem(await fetch(`${url}/products/${IDS.bareMissing}`), 404);
    expect(bare).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      instance: `/products/${IDS.bareMissing}`,
    });
    const teapot = await expectProblem(await fetch(`${url}/products/${IDS.conflict}`), 418);
    expect(teapot).toMatchObject({
      title: "I'm a teapot",
      detail: "short and stout",
      instance: `/products/${IDS.conflict}`,
    });
  });

  it("hides the message of an unexpected error behind a 500 and logs it", async () => {
    const { url, log } = await products();
    const body = await expectProblem(await fetch(`${url}/products/${IDS.crash}`), 500);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(log.lines().some((l) => JSON.stringify(l).includes("hunter2"))).toBe(true);
  });

  it("answers 501 from a NotImplemented stub", async () => {
    const { url } = await products();
    const response = await fetch(`${url}/products/${IDS.ok}/reservations`, {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ orderId: IDS.ok, quantity: 1 }),
    });
    const body = await expectProblem(response, 501);
    expect(body.detail).toBe("products.reserveStock is not implemented yet");
  });

  it("refuses to start without a handler for every endpoint", () => {
    const handlers = productHandlers();
    const { getProduct: _, ...rest } = handlers;
    expect(() => createService({ model, service: "products" }, rest)).toThrow(
      "service products has no handler for: getProduct",
    );
    expect(() => createService({ model, service: "nope" }, handlers)).toThrow(/no service "nope".*products/);
  });
});

describe("service host: handler typing", () => {
  it("accepts a handlers interface with typed requests and answers, as the generator emits", () => {
    interface Product {
      readonly id: string;
    }
    interface ProductHandlers {
      getProduct(
        req: HandlerRequest<{ productId: string }, Record<string, never>, undefined>,
      ): Promise<HandlerResponse<200, Product> | HandlerResponse<404, ProblemDetails>>;
      listProducts: Handler<Record<string, never>, { page: number; limit: number; category?: string }>;
      searchProducts: Handler;
      createProduct: Handler;
      reserveStock: Handler;
    }
    const handlers: ProductHandlers = { ...productHandlers() } as unknown as ProductHandlers;
    expect(createService({ model, service: "products" }, handlers).service.id).toBe("products");
  });
});
