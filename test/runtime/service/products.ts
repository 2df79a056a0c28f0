import type { HandlerMap, HandlerRequest, HandlerResponse } from "../../../src/runtime/service/index.js";
import { HttpProblem, NotImplemented } from "../../../src/runtime/service/index.js";
import { product } from "./helpers.js";

/** What the fake products handlers saw, for assertions. */
export interface Seen {
  readonly requests: { readonly endpoint: string; readonly req: HandlerRequest }[];
}

/**
 * Handlers for the shop's products service; `getProduct` answers by product id so tests can pick
 * a behaviour: a wrong body, an undeclared status, a thrown problem, a crash.
 */
export function productHandlers(
  seen: Seen = { requests: [] },
  overrides: Partial<Record<string, HandlerMap[string]>> = {},
): HandlerMap {
  const record = (endpoint: string, req: HandlerRequest): void => {
    (seen.requests as Seen["requests"][number][]).push({ endpoint, req });
  };
  const base: HandlerMap = {
    async listProducts(req) {
      record("listProducts", req);
      return { status: 200, body: { items: [product()], page: req.query.page, limit: req.query.limit, total: 1 } };
    },
    async searchProducts(req) {
      record("searchProducts", req);
      return { status: 200, body: { items: [], page: 1, limit: 20, total: 0 } };
    },
    async getProduct(req): Promise<HandlerResponse> {
      record("getProduct", req);
      return getProductBy(String(req.params.productId));
    },
    async createProduct(req) {
      record("createProduct", req);
      return {
        status: 201,
        body: { ...product(), ...(req.body as object), initialStock: undefined },
        headers: { location: "/products/1" },
      };
    },
    async reserveStock() {
      throw new NotImplemented("products.reserveStock");
    },
  };
  return { ...base, ...overrides } as HandlerMap;
}

export const IDS = {
  ok: "00000000-0000-4000-8000-000000000001",
  wrongBody: "00000000-0000-4000-8000-000000000002",
  undeclaredStatus: "00000000-0000-4000-8000-000000000003",
  conflict: "00000000-0000-4000-8000-000000000004",
  crash: "00000000-0000-4000-8000-000000000005",
  missing: "00000000-0000-4000-8000-000000000006",
  bareMissing: "00000000-0000-4000-8000-000000000007",
} as const;

function getProductBy(id: string): HandlerResponse {
  switch (id) {
    case IDS.wrongBody:
      return { status: 200, body: { ...product(id), price: { amount: "12.50", currency: "EUR" } } };
    case IDS.undeclaredStatus:
      return { status: 202, body: product(id) };
    case IDS.conflict:
      throw new HttpProblem(418, "I'm a teapot", "short and stout");
    case IDS.crash:
      throw new Error("database password is hunter2");
    case IDS.bareMissing:
      return { status: 404 };
    case IDS.missing:
      return {
        status: 404,
        body: { type: "about:blank", title: "Not Found", status: 404, detail: `no product ${id}` },
      };
    default:
      return { status: 200, body: product(id) };
  }
}
