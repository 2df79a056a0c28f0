import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ApiError, Client, type Problem, type products } from "../../examples/shop/sdk/src/index.js";
import { archkit } from "../cli/helpers.js";
import { startShop, type ShopSystem } from "./shop-system.js";

const SECRET = "sdk-e2e-secret-of-at-least-32-characters!";
const ADMIN = { email: "admin@shop.example.com", password: "admin-password-for-sdk-tests" };
const T_SHIRT = "3f6c2a8e-8d1b-4c4e-9a53-2b7f0d9e1a01";

let shop: ShopSystem;
beforeAll(async () => {
  shop = await startShop(SECRET, ADMIN);
}, 60_000);
afterAll(async () => {
  await shop?.close();
});

/** The answer narrowed to `status`, after checking it has that status. */
function expectStatus<A extends { readonly status: number; readonly body: unknown }, S extends A["status"]>(
  answer: A,
  status: S,
): Extract<A, { status: S }> {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer as Extract<A, { status: S }>;
}

function flowExample(id: string): any {
  return shop.model.flows.find((f) => f.id === id)!.example!.body;
}

describe("the generated SDK of the shop, against the running shop behind its gateway", () => {
  let token: string | undefined;
  let customerId: string;
  let client: Client;
  beforeAll(() => {
    client = new Client({ baseUrl: shop.gatewayUrl, token: () => token });
  });

  it("calls an open endpoint with a typed query and reads the typed body", async () => {
    const page = expectStatus(await client.products.listProducts({ query: { limit: 100 } }), 200);
    expectTypeOf(page.ok).toEqualTypeOf<true>();
    expect(page.ok).toBe(true);
    expect(page.body.items.map((p) => p.id)).toContain(T_SHIRT);
    const product = expectStatus(await client.products.getProduct({ params: { productId: T_SHIRT } }), 200);
    expect(product.body.available).toBeGreaterThan(0);
    expect(product.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("registers and logs in; a wrong password is a typed problem answer, not an exception", async () => {
    const registration = flowExample("userRegistration");
    const registered = expectStatus(await client.users.register({ body: registration }), 201);
    expect(registered.body).toMatchObject({ email: registration.email, role: "customer" });
    customerId = registered.body.id;
    const again = expectStatus(await client.users.register({ body: registration }), 409);
    expect(again.ok).toBe(false);
    expect(again.body.status).toBe(409);

    const wrong = expectStatus(
      await client.users.login({ body: { email: registration.email, password: "not-the-password" } }),
      401,
    );
    expectTypeOf(wrong.body).toEqualTypeOf<Problem>();
    expect(wrong.body).toMatchObject({ status: 401, title: "Unauthorized" });

    const login = expectStatus(
      await client.users.login({ body: { email: registration.email, password: registration.password } }),
      200,
    );
    token = login.body.accessToken;
  });

  it("sends the token only where the endpoint needs it; the gateway's 401 is a typed answer", async () => {
    const profile = expectStatus(await client.users.getProfile({ params: { userId: customerId } }), 200);
    expect(profile.body.id).toBe(customerId);

    const anonymous = new Client({ baseUrl: `${shop.gatewayUrl}/` });
    const refused = expectStatus(await anonymous.orders.listOrders(), 401);
    expect(refused.body.status).toBe(401);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);

    const placed = expectStatus(await client.orders.placeOrder({ body: flowExample("orderProcessing") }), 201);
    expect(placed.body).toMatchObject({ customerId, status: "paid" });
    const read = expectStatus(await client.orders.getOrder({ params: { orderId: placed.body.id } }), 200);
    expect(read.body.status).toBe("paid");
    const mine = expectStatus(await client.orders.listOrders({ query: { customerId, status: "paid" } }), 200);
    expect(mine.body.items.map((o) => o.id)).toEqual([placed.body.id]);
  });

  it("answers 403 to a customer on an admin endpoint and 201 to a token from `archkit token --roles admin`", async () => {
    const product: products.CreateProductRequest["body"] = {
      sku: "SDK-MUG-1",
      name: "SDK mug",
      price: { amount: 9.5, currency: "EUR" },
      category: "kitchen",
      initialStock: 3,
    };
    const forbidden = expectStatus(await client.products.createProduct({ body: product }), 403);
    expect(forbidden.body.detail).toContain("admin");

    const issued = await archkit(["token", "--user", "sdk-admin", "--roles", "admin"]);
    expect(issued.code, issued.stderr).toBe(0);
    const admin = new Client({ baseUrl: shop.gatewayUrl, token: issued.stdout.trim() });
    const created = expectStatus(await admin.products.createProduct({ body: product }), 201);
    expect(created.body).toMatchObject({ sku: "SDK-MUG-1", available: 3 });
  });

  it("rejects with an ApiError holding the problem for a status the endpoint does not declare", async () => {
    const error = await client.products.getProduct({ params: { productId: "not-a-uuid" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, problem: { status: 400, title: "Bad Request" } });
    expect((error as ApiError).problem.detail).toContain("productId");
  });

  it("rejects with an ApiError without a status when nothing answers", async () => {
    const closed = new Client({ baseUrl: "http://127.0.0.1:9" });
    const error = await closed.products.listProducts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: undefined, problem: { title: "No answer", status: 0 } });
  });
});
