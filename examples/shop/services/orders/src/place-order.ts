import { randomUUID } from "node:crypto";
import { HttpProblem, UpstreamError, type CallResult, type HandlerRequest } from "archkit/runtime";
import type { Deps, Money, OrderFailedPayload, PlaceOrderBody, PlaceOrderParams, PlaceOrderQuery, PlaceOrderResponse, Problem } from "./generated/index.js";
import { parseMoney, totalOf } from "./money.js";
import { insertOrder, loadOrder, logSteps, moveOrder, ordersDb, type NewOrder, type PricedLine } from "./order-store.js";
import { Walk } from "./walk.js";

type Request = HandlerRequest<PlaceOrderParams, PlaceOrderQuery, PlaceOrderBody, Deps>;
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
  const db = ordersDb(ctx.deps.db);
  const steps = walk.flush();
  await db.transaction().execute((tx) => insertOrder(tx, order, steps));
  logSteps(ctx.log, orderId, steps);
  const charged = await charge(req, order);
  if (charged.kind !== "charged") {
    const failed = walk.go("error");
    await db.transaction().execute(async (tx) => {
      await moveOrder(tx, orderId, failed);
      await ctx.deps.bus.publish("OrderFailed", failurePayload(orderId, customerId, charged.reason), { tx });
    });
    logSteps(ctx.log, orderId, [failed]);
    if (charged.kind === "broken") throw charged.error;
    return charged.response;
  }
  const paid = walk.go("pay");
  await db.transaction().execute(async (tx) => {
    await moveOrder(tx, orderId, paid, { paymentId: charged.paymentId });
    await ctx.deps.bus.publish("OrderCreated", { orderId, customerId, items: order.items.map((l) => ({ ...l })), total, occurredAt: new Date().toISOString() }, { tx });
  });
  logSteps(ctx.log, orderId, [paid]);
  const created = await loadOrder(db, orderId);
  return { status: 201, body: created!, headers: { location: `/orders/${orderId}` } };
}

/** A step said no (answered to the client) or broke (thrown after the order is failed). */
type Refusal = { readonly kind: "refused"; readonly reason: Reason; readonly response: PlaceOrderResponse } | { readonly kind: "broken"; readonly reason: "error"; readonly error: unknown };
type Reserved = { readonly kind: "reserved"; readonly lines: PricedLine[] } | Refusal;
type Charged = { readonly kind: "charged"; readonly paymentId: string } | Refusal;

/** One reservation per line, in order; the first failure stops (and OrderFailed releases what was reserved). */
async function reserveLines(req: Request, orderId: string): Promise<Reserved> {
  const lines: PricedLine[] = [];
  for (const [index, line] of req.body.items.entries()) {
    let result: CallResult;
    try {
      result = await req.ctx.deps.clients["products.reserveStock"]({ params: { productId: line.productId }, body: { orderId, quantity: line.quantity } });
    } catch (error) {
      if (!(error instanceof UpstreamError)) return { kind: "broken", reason: "error", error };
      if (error.status === 409) return { kind: "refused", reason: "outOfStock", response: { status: 409, body: problem(409, error.detail ?? "not enough stock") } };
      if (error.status === 404) return { kind: "refused", reason: "error", response: invalid(`no product ${line.productId}`, `/body/items/${index}/productId`) };
      return { kind: "broken", reason: "error", error };
    }
    const unitPrice = priceOf(result) ?? line.unitPrice;
    if (!unitPrice) return { kind: "broken", reason: "error", error: new HttpProblem(502, "Bad Gateway", `products.reserveStock stated no unit price for ${line.productId}`) };
    lines.push({ productId: line.productId, quantity: line.quantity, unitPrice });
  }
  return { kind: "reserved", lines };
}

/** A declined payment (402) or a payment conflict (409) is answered; anything else is an error the caller sees. Either fails the order. */
async function charge(req: Request, order: NewOrder): Promise<Charged> {
  try {
    const result = await req.ctx.deps.clients["payments.charge"]({ body: { orderId: order.id, customerId: order.customerId, amount: order.total, paymentMethod: req.body.paymentMethod } });
    return { kind: "charged", paymentId: (result.body as { id: string }).id };
  } catch (error) {
    if (!(error instanceof UpstreamError)) return { kind: "broken", reason: "error", error };
    if (error.status === 402) return { kind: "refused", reason: "paymentDeclined", response: { status: 402, body: problem(402, error.detail ?? "the payment was declined") } };
    if (error.status === 409) return { kind: "refused", reason: "error", response: { status: 409, body: problem(409, error.detail ?? "the payment conflicts with an earlier one") } };
    return { kind: "broken", reason: "error", error };
  }
}

function priceOf(result: CallResult): Money | undefined {
  const header = result.headers[UNIT_PRICE_HEADER];
  return parseMoney(Array.isArray(header) ? header[0] : header);
}

/** OrderFailed for an order that never got a record: only the reservations made so far need it. */
async function announceFailure(deps: Deps, order: { readonly orderId: string; readonly customerId: string; readonly reason: Reason }): Promise<void> {
  await deps.bus.publish("OrderFailed", failurePayload(order.orderId, order.customerId, order.reason));
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
