import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiError,
  Client,
  type ClientOptions,
  type Order,
  type orders,
  type Problem,
} from "../../../examples/shop/sdk/src/index.js";

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** A client of the shop's SDK whose fetch records each request and answers with `reply`. */
function clientWith(
  reply: (sent: Sent) => Response | Promise<Response>,
  options: Partial<ClientOptions> = {},
): { client: Client; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request: Sent = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    };
    sent.push(request);
    const signal = init?.signal;
    if (signal?.aborted) throw new DOMException("aborted", "AbortError");
    const aborted = new Promise<never>((_, reject) =>
      signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
    );
    return Promise.race([reply(request), aborted]);
  };
  return { client: new Client({ baseUrl: "http://gateway.test/", fetch, ...options }), sent };
}

function json(status: number, body: unknown, type = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
}

const ORDER: Order = {
  id: "o-1",
  customerId: "c-1",
  status: "paid",
  items: [],
  total: { amount: 1, currency: "EUR" },
} as unknown as Order;

describe("the generated SDK's requests", () => {
  it("fills and percent-encodes path parameters, serializes the query and sends JSON bodies", async () => {
    const { client, sent } = clientWith(() => json(200, ORDER));
    await client.orders.getOrder({ params: { orderId: "a/b c" } });
    await client.orders.listOrders({ query: { status: "paid", page: 2, customerId: undefined } });
    await client.orders.cancelOrder({ params: { orderId: "o-1" }, body: { reason: "late" } });
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      "GET http://gateway.test/orders/a%2Fb%20c",
      "GET http://gateway.test/orders?status=paid&page=2",
      "POST http://gateway.test/orders/o-1/cancellation",
    ]);
    expect(sent[2]!.body).toBe('{"reason":"late"}');
    expect(sent[2]!.headers["content-type"]).toBe("application/json");
    expect(sent[0]!.headers["content-type"]).toBeUndefined();
  });

  it("sends the bearer token (a string or a function's current value) only to endpoints that need auth", async () => {
    let current = "first";
    let asked = 0;
    const { client, sent } = clientWith(() => json(200, { items: [], total: 0, page: 1, limit: 20 }), {
      token: async () => {
        asked += 1;
        return current;
      },
      headers: { "x-client": "web" },
    });
    await client.products.listProducts();
    await client.orders.listOrders();
    current = "second";
    await client.orders.listOrders({}, { headers: { "x-trace": "1" } });
    expect(sent.map((s) => s.headers.authorization)).toEqual([undefined, "Bearer first", "Bearer second"]);
    expect(asked).toBe(2);
    expect(sent.map((s) => s.headers["x-client"])).toEqual(["web", "web", "web"]);
    expect(sent[2]!.headers["x-trace"]).toBe("1");
  });

  it("refuses an empty path parameter and a base URL that is not http(s) before sending anything", async () => {
    const { client, sent } = clientWith(() => json(200, ORDER));
    await expect(client.orders.getOrder({ params: { orderId: "" } })).rejects.toMatchObject({
      name: "ApiError",
      status: undefined,
      problem: { detail: 'the path parameter "orderId" is empty' },
    });
    expect(sent).toEqual([]);
    expect(() => new Client({ baseUrl: "gateway.test" })).toThrow(/baseUrl must be an http\(s\) URL/);
  });
});

describe("the generated SDK's answers", () => {
  it("resolves declared statuses, the gateway's included, with their bodies and headers", async () => {
    const statuses = [201, 409, 429];
    const { client } = clientWith(() => {
      const status = statuses.shift()!;
      return status === 201
        ? json(201, ORDER)
        : json(status, { title: "No", status, detail: `status ${status}` }, "application/problem+json");
    });
    const body = { items: [], shippingAddress: {}, paymentMethod: {} } as unknown as orders.PlaceOrderRequest["body"];
    const created = await client.orders.placeOrder({ body });
    expect(created).toMatchObject({ status: 201, ok: true, body: ORDER });
    const conflict = await client.orders.placeOrder({ body });
    expect(conflict).toMatchObject({ status: 409, ok: false, body: { detail: "status 409" } });
    const limited = await client.orders.placeOrder({ body });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
  });

  it("rejects an undeclared status with an ApiError holding its problem, or one made from a body that is none", async () => {
    const answers = [
      json(500, { title: "Internal Server Error", status: 500, detail: "boom" }, "application/problem+json"),
      new Response("upstream down", {
        status: 502,
        statusText: "Bad Gateway",
        headers: { "content-type": "text/plain" },
      }),
    ];
    const { client } = clientWith(() => answers.shift()!);
    const first = await client.products.getProduct({ params: { productId: "p" } }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApiError);
    expect(first).toMatchObject({ status: 500, message: "Internal Server Error: boom" });
    const second = await client.products.getProduct({ params: { productId: "p" } }).catch((e: unknown) => e);
    expect(second).toMatchObject({
      status: 502,
      problem: { title: "Bad Gateway", status: 502, detail: "upstream down" },
    });
  });

  it("rejects with an ApiError without a status on a network error, a timeout and an abort", async () => {
    const broken = clientWith(() => {
      throw new TypeError("fetch failed");
    }).client;
    await expect(broken.products.listProducts()).rejects.toMatchObject({
      status: undefined,
      problem: { title: "No answer", status: 0, detail: "GET /products got no answer: fetch failed" },
    });
    const hanging = clientWith(() => new Promise<Response>(() => undefined), { timeoutMs: 20 }).client;
    await expect(hanging.products.listProducts()).rejects.toMatchObject({
      problem: { title: "Timeout", detail: "GET /products got no answer in time" },
    });
    const controller = new AbortController();
    controller.abort();
    await expect(
      clientWith(() => json(200, {})).client.products.listProducts({}, { signal: controller.signal }),
    ).rejects.toMatchObject({ problem: { title: "No answer", detail: "GET /products was aborted" } });
  });
});

describe("the generated SDK's types", () => {
  it("narrow each answer's body by its status and reject wrong requests", async () => {
    const { client } = clientWith(() => json(201, ORDER));
    const placed = await client.orders.placeOrder({ body: {} as orders.PlaceOrderRequest["body"] });
    expectTypeOf(placed.status).toEqualTypeOf<201 | 400 | 401 | 402 | 409 | 429>();
    if (placed.status === 201) expectTypeOf(placed.body).toEqualTypeOf<Order>();
    if (placed.status === 409) expectTypeOf(placed.body).toEqualTypeOf<Problem>();
    if (placed.ok) expectTypeOf(placed.body).toEqualTypeOf<Order>();
    else expectTypeOf(placed.body).toEqualTypeOf<Problem>();
    // @ts-expect-error 404 is not an answer of placeOrder
    expect(placed.status === 404).toBe(false);

    const reject = async (call: () => Promise<unknown>) => call().catch(() => undefined);
    // @ts-expect-error a misspelled path parameter
    await reject(() => client.orders.getOrder({ params: { orderID: "o-1" } }));
    // @ts-expect-error the path parameter is a string
    await reject(() => client.orders.getOrder({ params: { orderId: 42 } }));
    // @ts-expect-error getOrder needs its request
    await reject(() => client.orders.getOrder());
    // @ts-expect-error "lost" is no OrderStatus
    await reject(() => client.orders.listOrders({ query: { status: "lost" } }));
    // @ts-expect-error a query parameter the endpoint does not declare
    await reject(() => client.orders.listOrders({ query: { sort: "total" } }));
    // @ts-expect-error the body misses required members
    await reject(() => client.orders.cancelOrder({ params: { orderId: "o-1" }, body: {} }));
    // @ts-expect-error reserveStock is internal: the gateway does not route it
    expect(client.products.reserveStock).toBeUndefined();
    // @ts-expect-error charge is internal: only orders calls it
    expect(client.payments.charge).toBeUndefined();
  });
});
