import { randomUUID } from "node:crypto";
import { HttpProblem, type CallResult, type HandlerRequest, type ProblemDetails } from "archkit/runtime";
import type { Money, OrderFailedPayload, PlaceOrderBody, PlaceOrderDeps, PlaceOrderParams, PlaceOrderQuery, PlaceOrderResponse, Problem, ProductsReserveStockResult } from "./generated/index.js";
import { parseMoney, totalOf } from "./money.js";
import { insertOrder, loadOrder, logSteps, moveOrder, type NewOrder, type PricedLine } from "./order-store.js";
import { Walk } from "./walk.js";

type Request = HandlerRequest<PlaceOrderParams, PlaceOrderQuery, PlaceOrderBody, PlaceOrderDeps>;
type Reason = OrderFailedPayload["reason"];

/** Where the products service states a reserved product's unit price (`24.90 EUR`). */
const UNIT_PRICE_HEADER = "x-unit-price";

/**
 * The order flow of the spec: validate the order, reserve stock for every line
 * (products.reserveStock), create the order record, charge it (payments.charge), then publish
 * OrderCreated. Each step moves the order through the Order state machine
 * (created → validated → reserved → paid); a refusal moves it to failed and publishes OrderFailed,
 * so the products service releases what was reserved.
 */
export async function placeOrderFlow(req: Request): Promise<PlaceOrderResponse> {
  const { ctx, body } = req;
  const customerId = ctx.user?.id;
  if (customerId === undefined) throw new HttpProblem(401, "Unauthorized", "placing an order needs a signed-in customer");
  const duplicate = body.items.findIndex((line, i) => body.items.findIndex((other) => other.productId === line.productId) !== i);
  if (duplicate >= 0) return invalid(`product ${body.items[duplicate]!.productId} appears twice; order it once with the total quantity`, `/body/items/${duplicate}/productId`);
  const orderId = randomUUID();
  const walk = new Walk();
  walk.go("validate");
  const reserved = await reserveLines(req, orderId);
  if (reserved.kind !== "reserved") {
    await announceFailure(ctx.deps, { orderId, customerId, reason: reserved.reason });
    if (reserved.kind === "broken") throw reserved.error;
    return reserved.response;
  }
  const total = totalOf(reserved.lines);
  if (!total) {
    await announceFailure(ctx.deps, { orderId, customerId, reason: "error" });
    return invalid("the products of one order must be priced in one currency", "/body/items");
  }
  walk.go("reserve");
  const order: NewOrder = { id: orderId, customerId, status: walk.state, items: reserved.lines, total, shippingAddress: body.shippingAddress };
  const { db } = ctx.deps;
  const steps = walk.flush();
  await db.transaction().execute((tx) => insertOrder(tx, order, steps));
  logSteps(ctx.log, orderId, steps);
  const charged = await charge(req, order);
  if (charged.kind !== "charged") {
    const failed = walk.go("error");
    await ctx.deps.tx(async (tx) => {
      await moveOrder(tx.db, orderId, failed);
      await tx.publish("OrderFailed", failurePayload(orderId, customerId, charged.reason));
    });
    logSteps(ctx.log, orderId, [failed]);
    if (charged.kind === "broken") throw charged.error;
    return charged.response;
  }
  const paid = walk.go("pay");
  await ctx.deps.tx(async (tx) => {
    await moveOrder(tx.db, orderId, paid, { paymentId: charged.paymentId });
    await tx.publish("OrderCreated", { orderId, customerId, items: order.items.map((l) => ({ ...l })), total, occurredAt: new Date().toISOString() });
  });
  logSteps(ctx.log, orderId, [paid]);
  const created = await loadOrder(db, orderId);
  return { status: 201, body: created!, headers: { location: `/orders/${orderId}` } };
}

/** A step said no (answered to the client) or broke (thrown after the order is failed). */
type Refusal = { readonly kind: "refused"; readonly reason: Reason; readonly response: PlaceOrderResponse } | { readonly kind: "broken"; readonly reason: "error"; readonly error: unknown };
type Reserved = { readonly kind: "reserved"; readonly lines: PricedLine[] } | Refusal;
type Charged = { readonly kind: "charged"; readonly paymentId: string } | Refusal;

/** One reservation per line, in order; the first refusal or failure stops (and OrderFailed releases what was reserved). */
async function reserveLines(req: Request, orderId: string): Promise<Reserved> {
  const lines: PricedLine[] = [];
  for (const [index, line] of req.body.items.entries()) {
    let result: ProductsReserveStockResult;
    try {
      result = await req.ctx.deps.clients["products.reserveStock"]({ params: { productId: line.productId }, body: { orderId, quantity: line.quantity } });
    } catch (error) {
      return { kind: "broken", reason: "error", error };
    }
    if (result.status === 409) return { kind: "refused", reason: "outOfStock", response: { status: 409, body: problem(409, detailOf(result.body, "not enough stock")) } };
    if (result.status === 404) return { kind: "refused", reason: "error", response: invalid(`no product ${line.productId}`, `/body/items/${index}/productId`) };
    const unitPrice = priceOf(result) ?? line.unitPrice;
    if (!unitPrice) return { kind: "broken", reason: "error", error: new HttpProblem(502, "Bad Gateway", `products.reserveStock stated no unit price for ${line.productId}`) };
    lines.push({ productId: line.productId, quantity: line.quantity, unitPrice });
  }
  return { kind: "reserved", lines };
}

/** A declined payment (402) or a payment conflict (409) is answered; a refused request (400) or anything thrown is an error the caller sees. Either fails the order. */
async function charge(req: Request, order: NewOrder): Promise<Charged> {
  try {
    const result = await req.ctx.deps.clients["payments.charge"]({ body: { orderId: order.id, customerId: order.customerId, amount: order.total, paymentMethod: req.body.paymentMethod } });
    switch (result.status) {
      case 201:
        return { kind: "charged", paymentId: result.body.id };
      case 402:
        return { kind: "refused", reason: "paymentDeclined", response: { status: 402, body: problem(402, detailOf(result.body, "the payment was declined")) } };
      case 409:
        return { kind: "refused", reason: "error", response: { status: 409, body: problem(409, detailOf(result.body, "the payment conflicts with an earlier one")) } };
      case 400:
        return { kind: "broken", reason: "error", error: new HttpProblem(400, result.body.title, detailOf(result.body, "payments.charge refused the charge"), { errors: result.body.errors }) };
    }
  } catch (error) {
    return { kind: "broken", reason: "error", error };
  }
}

function detailOf(body: ProblemDetails, fallback: string): string {
  return body.detail ?? fallback;
}

function priceOf(result: CallResult): Money | undefined {
  const header = result.headers[UNIT_PRICE_HEADER];
  return parseMoney(Array.isArray(header) ? header[0] : header);
}

/** OrderFailed for an order that never got a record: only the reservations made so far need it. */
async function announceFailure(deps: PlaceOrderDeps, order: { readonly orderId: string; readonly customerId: string; readonly reason: Reason }): Promise<void> {
  await deps.publish("OrderFailed", failurePayload(order.orderId, order.customerId, order.reason));
}

function failurePayload(orderId: string, customerId: string, reason: Reason): OrderFailedPayload {
  return { orderId, customerId, reason, occurredAt: new Date().toISOString() };
}

function invalid(detail: string, pointer: string): PlaceOrderResponse {
  return { status: 400, body: { ...problem(400, detail), errors: [{ pointer, message: detail }] } };
}

function problem(status: 400 | 402 | 409, detail: string): Problem {
  const titles = { 400: "Bad Request", 402: "Payment Required", 409: "Conflict" } as const;
  return { type: "about:blank", title: titles[status], status, detail };
}
