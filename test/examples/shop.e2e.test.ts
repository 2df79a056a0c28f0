import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumedCount, eventually, startShop, type ShopSystem } from "./shop-system.js";
import { computeModel } from "../../src/model/index.js";
import { createIdentitySigner, deriveWorkloadKey, IDENTITY_HEADER } from "../../src/runtime/identity/index.js";
import { callerSigner } from "../../src/runtime/service/index.js";

const SECRET = "e2e-secret-of-at-least-32-characters!!";
const T_SHIRT = "3f6c2a8e-8d1b-4c4e-9a53-2b7f0d9e1a01";
const NOTEBOOK = "9b1d4e27-5c3a-4f8b-8e21-6a0c7d3f5b02";
const CLOCK = "c1a5e0f2-7b3d-4e69-8f12-3a4b5c6d7e03";
const ADMIN = { email: "admin@shop.example.com", password: "admin-password-for-tests" };

let shop: ShopSystem;
beforeAll(async () => {
  shop = await startShop(SECRET, ADMIN);
});
afterAll(async () => {
  await shop?.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${shop.gatewayUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

function flowExample(id: string): any {
  return shop.model.flows.find((f) => f.id === id)!.example!.body;
}

function published(type: string, match: (payload: any) => boolean): number {
  return shop.events.filter((e) => e.type === type && match(e.payload)).length;
}

async function notificationsOf(recipientId: string): Promise<string[]> {
  const response = await fetch(`${shop.gatewayUrl}/notifications?recipientId=${recipientId}`, {
    headers: { authorization: `Bearer ${await shop.adminToken()}` },
  });
  const body = (await response.json()) as { items: { template: string; status: string }[] };
  return body.items.map((n) => `${n.template}:${n.status}`).sort();
}

function emailsTo(address: string): string[] {
  return shop.simulator
    .records("emailProvider")
    .filter((r) => (r.body as { to?: string }).to === address)
    .map((r) => (r.body as { template: string }).template)
    .sort();
}

describe("the example shop, in one process behind the gateway", () => {
  let customerId: string;
  let token: string;
  let paidOrderId: string;

  it("registers the flow's customer, welcomes them once and logs them in with a token the gateway accepts", async () => {
    const registration = flowExample("userRegistration");
    const registered = await call("POST", "/users", registration);
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ email: registration.email, name: registration.name, role: "customer" });
    customerId = registered.body.id;
    expect((await call("POST", "/users", registration)).status).toBe(409);

    const login = await call("POST", "/auth/login", { email: registration.email, password: registration.password });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    token = login.body.accessToken;
    expect((await call("POST", "/auth/login", { email: registration.email, password: "wrong-password" })).status).toBe(
      401,
    );
    expect((await call("GET", `/users/${customerId}`, undefined, token)).body.id).toBe(customerId);
    expect((await call("GET", `/users/${crypto.randomUUID()}`, undefined, token)).status).toBe(403);

    await eventually("the welcome email", () => (emailsTo(registration.email).length > 0 ? true : undefined));
    expect(published("UserCreated", (p) => p.userId === customerId)).toBe(1);
  });

  it("lists and searches the seeded catalog with the flow's products in stock", async () => {
    const page = await call("GET", "/products?limit=100");
    expect(page.status).toBe(200);
    const ids = page.body.items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([T_SHIRT, NOTEBOOK]));
    expect(page.body.total).toBe(ids.length);
    const search = await call("GET", "/products/search?q=notebook");
    expect(search.body.items.map((p: { id: string }) => p.id)).toEqual([NOTEBOOK]);
    expect((await call("GET", `/products/${T_SHIRT}`)).body.available).toBe(100_000);
  });

  it("places the flow's order: 201, paid, every event exactly once, the confirmation sent and logged", async () => {
    const placed = await call("POST", "/orders", flowExample("orderProcessing"), token);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ customerId, status: "paid", total: { amount: 62.3, currency: "EUR" } });
    const orderId: string = placed.body.id;
    paidOrderId = orderId;
    expect((await call("GET", `/orders/${orderId}`, undefined, token)).body.status).toBe("paid");

    await eventually("the order confirmation", async () =>
      (await notificationsOf(customerId)).includes("order-confirmation:sent") ? true : undefined,
    );
    await eventually("the sales read model", async () =>
      (await consumedCount(shop.adminUrls.orders, "PaymentCompleted")) === 1 ? true : undefined,
    );
    await eventually("the committed stock", async () =>
      (await consumedCount(shop.adminUrls.products, "OrderCreated")) === 1 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(published("OrderCreated", (p) => p.orderId === orderId)).toBe(1);
    expect(published("PaymentCompleted", (p) => p.orderId === orderId)).toBe(1);
    expect(await consumedCount(shop.adminUrls.notifications, "UserCreated")).toBe(1);
    expect(await consumedCount(shop.adminUrls.notifications, "OrderCreated")).toBe(1);
    expect(await consumedCount(shop.adminUrls.products, "OrderCreated")).toBe(1);
    expect(await consumedCount(shop.adminUrls.orders, "PaymentCompleted")).toBe(1);
    expect(emailsTo("ada@example.com")).toEqual(["order-confirmation", "welcome"]);
    expect(await notificationsOf(customerId)).toEqual(["order-confirmation:sent", "welcome:sent"]);
    const charges = shop.simulator
      .records("paymentGateway")
      .filter((r) => (r.body as { reference?: string }).reference === orderId);
    expect(charges.map((r) => [r.path, r.status])).toEqual([["/charges", 201]]);
    expect((await call("GET", `/products/${T_SHIRT}`)).body.available).toBe(99_998);
  });

  it("answers 402 for a declined card, fails the order with OrderFailed and gives the stock back", async () => {
    const order = { ...flowExample("orderProcessing"), paymentMethod: { type: "card", token: "tok_declined" } };
    const declined = await call("POST", "/orders", order, token);
    expect(declined.status).toBe(402);
    expect(declined.body.detail).toContain("declined");

    await eventually("OrderFailed", () =>
      published("OrderFailed", (p) => p.customerId === customerId) > 0 ? true : undefined,
    );
    expect(
      shop.events.filter((e) => e.type === "OrderFailed").map((e) => (e.payload as { reason: string }).reason),
    ).toEqual(["paymentDeclined"]);
    expect(published("PaymentFailed", (p) => p.customerId === customerId)).toBe(1);
    await eventually("the released stock", async () =>
      (await call("GET", `/products/${T_SHIRT}`)).body.available === 99_998 ? true : undefined,
    );
    await eventually("the payment-failed email", () =>
      emailsTo("ada@example.com").includes("payment-failed") ? true : undefined,
    );
    const failed = await call("GET", "/orders?status=failed", undefined, token);
    expect(failed.body.items).toHaveLength(1);
  });

  it("answers 401 to requests past the gateway whatever their x-user-* headers say, and 403 to a service the spec does not let call", async () => {
    const cancel = { reason: "not mine" };
    const past = await fetch(`${shop.urls.orders}/orders/${paidOrderId}/cancellation`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user-id": customerId, "x-user-roles": "admin" },
      body: JSON.stringify(cancel),
    });
    expect(past.status).toBe(401);
    expect(((await past.json()) as { detail: string }).detail).toContain("no x-archkit-identity header");
    const charge = computeModel(shop.model).endpoint("payments.charge");
    const body = JSON.stringify({
      orderId: paidOrderId,
      customerId,
      amount: { amount: 1, currency: "EUR" },
      paymentMethod: { type: "card", token: "tok_visa" },
    });
    const asOrders = callerSigner(shop.model, charge, shop.identitySecret)!;
    const signed = asOrders.sign({ audience: "payments", method: "POST", path: "/payments", body });
    const tampered = await fetch(`${shop.urls.payments}/payments`, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: signed },
      body: body.replace('"amount":1', '"amount":1000'),
    });
    expect(tampered.status).toBe(401);
    const asUsers = createIdentitySigner(deriveWorkloadKey(shop.identitySecret, "users"));
    const undeclared = await fetch(`${shop.urls.payments}/payments`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [IDENTITY_HEADER]: asUsers.sign({ audience: "payments", method: "POST", path: "/payments", body }),
      },
      body,
    });
    expect(undeclared.status).toBe(403);
    expect(((await undeclared.json()) as { detail: string }).detail).toBe(
      "users may not call payments.charge; the spec declares as its callers: orders",
    );
    expect((await call("GET", `/orders/${paidOrderId}`, undefined, token)).body.status).toBe("paid");
  });

  it("lets an admin cancel the paid order: refunded through the gateway, restocked, reported; a low stock alert reaches operations", async () => {
    const admin = await call("POST", "/auth/login", ADMIN);
    expect(admin.status).toBe(200);
    const adminToken: string = admin.body.accessToken;
    expect(
      (await call("POST", `/orders/${paidOrderId}/cancellation`, { reason: "changed my mind" }, token)).status,
    ).toBe(403);
    const cancelled = await call(
      "POST",
      `/orders/${paidOrderId}/cancellation`,
      { reason: "changed my mind" },
      adminToken,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect(
      (await call("POST", `/orders/${paidOrderId}/shipment`, { carrier: "DHL", trackingNumber: "1Z" }, adminToken))
        .status,
    ).toBe(409);

    await eventually("the refund", () =>
      published("PaymentRefunded", (p) => p.orderId === paidOrderId) === 1 ? true : undefined,
    );
    expect(
      shop.simulator
        .records("paymentGateway")
        .filter((r) => r.path === "/refunds")
        .map((r) => [r.status, (r.body as { amount: number }).amount]),
    ).toEqual([[201, 62.3]]);
    await eventually("the restock", async () =>
      (await call("GET", `/products/${T_SHIRT}`)).body.available === 100_000 ? true : undefined,
    );
    await eventually("the refund in the read model", async () => {
      const report = await call("GET", "/reports/sales", undefined, adminToken);
      const day = report.body.days.at(-1);
      return day?.refunded === 62.3 ? day : undefined;
    }).then((day) => expect(day).toMatchObject({ orderCount: 1, grossRevenue: 62.3 }));
    await eventually("the refund email", () => (emailsTo("ada@example.com").includes("refund") ? true : undefined));

    const clocks = { ...flowExample("orderProcessing"), items: [{ productId: CLOCK, quantity: 3 }] };
    expect((await call("POST", "/orders", clocks, token)).status).toBe(201);
    await eventually("the low stock alert", () =>
      emailsTo("operations@shop.example.com").includes("low-stock") ? true : undefined,
    );
    expect(published("LowStock", (p) => p.productId === CLOCK)).toEqual(1);
    expect(
      (await call("POST", "/orders", { ...clocks, items: [{ productId: CLOCK, quantity: 10 }] }, token)).status,
    ).toBe(409);
  });
});
