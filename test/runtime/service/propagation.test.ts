import { fetch } from "undici";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import { closeClients, createClients } from "../../../src/runtime/clients/index.js";
import {
  createService,
  NotImplemented,
  type HandlerMap,
  type HandlerRequest,
} from "../../../src/runtime/service/index.js";
import { Hosts, memoryLogger, product, shopModel } from "./helpers.js";
import { productHandlers } from "./products.js";

let model: Model;
const hosts = new Hosts();
beforeAll(async () => {
  model = await shopModel();
});
afterEach(() => hosts.closeAll());

const ORDER_ID = "7d1c5c1e-3a55-4b8e-9d43-2f4f1b7e9a10";
const CUSTOMER = "5b6f7d2a-1c3e-4f5a-8b9c-0d1e2f3a4b5c";
const PLACE_ORDER = {
  items: [{ productId: String(product().id), quantity: 2 }],
  shippingAddress: { line1: "12 Analytical Row", city: "London", postalCode: "N1 9GU", country: "GB" },
  paymentMethod: { type: "card", token: "tok_visa" },
};

function stubs(names: readonly string[]): HandlerMap {
  return Object.fromEntries(
    names.map((n) => [
      n,
      async () => {
        throw new NotImplemented(n);
      },
    ]),
  );
}

describe("correlation across services", () => {
  it("a client call carries the caller's correlation id, Authorization and identity to the provider", async () => {
    const seen: HandlerRequest[] = [];
    const providerLog = memoryLogger();
    const products = productHandlers(undefined, {
      async reserveStock(req) {
        seen.push(req);
        req.ctx.log.info("reserving");
        const body = req.body as { orderId: string; quantity: number };
        return {
          status: 201,
          body: {
            id: ORDER_ID,
            productId: req.params.productId,
            orderId: body.orderId,
            quantity: body.quantity,
            status: "reserved",
            expiresAt: new Date(0),
          },
        };
      },
    });
    const payments: HandlerMap = {
      ...stubs(["getPayment"]),
      async charge(req) {
        seen.push(req);
        return {
          status: 201,
          body: {
            id: ORDER_ID,
            orderId: ORDER_ID,
            amount: { amount: 25, currency: "EUR" },
            status: "succeeded",
            createdAt: new Date().toISOString(),
          },
        };
      },
    };
    const productsUrl = await hosts.start(
      createService({ model, service: "products" }, products, { logger: providerLog.logger }),
    );
    const paymentsUrl = await hosts.start(
      createService({ model, service: "payments" }, payments, { logger: memoryLogger().logger }),
    );
    const clients = createClients<"products.reserveStock" | "payments.charge">({
      model,
      service: "orders",
      urls: { products: productsUrl, payments: paymentsUrl },
    });
    const orders: HandlerMap = {
      ...stubs(["getOrder", "listOrders", "cancelOrder", "shipOrder", "getSalesReport"]),
      async placeOrder(req) {
        const line = (req.body as typeof PLACE_ORDER).items[0]!;
        await clients["products.reserveStock"]({
          params: { productId: line.productId },
          body: { orderId: ORDER_ID, quantity: line.quantity },
        });
        const amount = { amount: 25, currency: "EUR" };
        await clients["payments.charge"]({
          body: { orderId: ORDER_ID, customerId: CUSTOMER, amount, paymentMethod: PLACE_ORDER.paymentMethod },
        });
        return {
          status: 201,
          body: {
            id: ORDER_ID,
            customerId: req.ctx.user?.id,
            status: "paid",
            items: [line],
            total: amount,
            createdAt: new Date().toISOString(),
          },
        };
      },
    };
    const ordersUrl = await hosts.start(
      createService({ model, service: "orders" }, orders, { logger: memoryLogger().logger, clients }),
    );

    const response = await fetch(`${ordersUrl}/orders`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-request-id": "checkout-7",
        authorization: "Bearer token-1",
        "x-user-id": CUSTOMER,
        "x-user-roles": "customer",
      },
      body: JSON.stringify(PLACE_ORDER),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe("checkout-7");
    expect(seen.map((r) => r.ctx.correlationId)).toEqual(["checkout-7", "checkout-7"]);
    expect(seen.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-1"]);
    expect(seen[0]?.ctx.user).toEqual({ id: CUSTOMER, roles: ["customer"] });
    expect(
      providerLog
        .lines()
        .filter((l) => l.correlationId === "checkout-7")
        .map((l) => l.msg),
    ).toEqual(["reserving", "request completed"]);
    await closeClients(clients);
  });
});
