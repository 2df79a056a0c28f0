import type { UserIdentity } from "archkit/runtime";
import type { Handlers } from "./generated/index.js";
import { listOrders, loadOrder, lockOrder, logSteps, moveOrder } from "./order-store.js";
import { placeOrderFlow } from "./place-order.js";
import { addRefund, addRevenue, dayOf, reportRange, salesReport } from "./reporting.js";
import { Walk } from "./walk.js";

/** Order Service: placing orders through the Order state machine, their lifecycle, and the sales read model. */
export const handlers: Handlers = {
  async placeOrder(req) {
    return placeOrderFlow(req);
  },

  async getOrder(req) {
    const order = await loadOrder(req.ctx.deps.db, req.params.orderId);
    if (!order) return { status: 404 };
    if (!isAdmin(req.ctx) && order.customerId !== req.ctx.user?.id)
      return { status: 403, body: forbidden("customers may only read their own orders") };
    return { status: 200, body: order };
  },

  async listOrders(req) {
    const { ctx, query } = req;
    const self = ctx.user?.id;
    if (!isAdmin(ctx) && query.customerId !== undefined && query.customerId !== self)
      return { status: 403, body: forbidden("customers may only list their own orders") };
    const customerId = isAdmin(ctx) ? query.customerId : self;
    if (customerId === undefined && !isAdmin(ctx))
      return { status: 403, body: forbidden("listing orders needs a signed-in customer") };
    const page = await listOrders(ctx.deps.db, {
      customerId,
      status: query.status,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
    return { status: 200, body: page };
  },

  async cancelOrder(req) {
    const { ctx, params, body } = req;
    const found = await ctx.deps.tx(async (tx) => {
      const row = await lockOrder(tx.db, params.orderId);
      if (!row) return undefined;
      const step = new Walk(row.status).go("cancel");
      await moveOrder(tx.db, row.id, step);
      await tx.publish("OrderCancelled", {
        orderId: row.id,
        customerId: row.customerId,
        reason: body.reason,
        ...(row.paymentId === null ? {} : { paymentId: row.paymentId }),
        occurredAt: new Date().toISOString(),
      });
      return step;
    });
    if (!found) return { status: 404 };
    logSteps(ctx.log, params.orderId, [found]);
    return { status: 200, body: (await loadOrder(ctx.deps.db, params.orderId))! };
  },

  async shipOrder(req) {
    const { ctx, params, body } = req;
    const found = await ctx.deps.tx(async (tx) => {
      const row = await lockOrder(tx.db, params.orderId);
      if (!row) return undefined;
      const step = new Walk(row.status).go("ship");
      await moveOrder(tx.db, row.id, step, { trackingNumber: body.trackingNumber });
      await tx.publish("OrderShipped", {
        orderId: row.id,
        customerId: row.customerId,
        carrier: body.carrier,
        trackingNumber: body.trackingNumber,
        occurredAt: new Date().toISOString(),
      });
      return step;
    });
    if (!found) return { status: 404 };
    logSteps(ctx.log, params.orderId, [found]);
    return { status: 200, body: (await loadOrder(ctx.deps.db, params.orderId))! };
  },

  async getSalesReport(req) {
    const range = reportRange(req.query.from, req.query.to);
    if (range.from > range.to) {
      return {
        status: 400,
        body: {
          type: "about:blank",
          title: "Bad Request",
          status: 400,
          detail: `from (${range.from}) is after to (${range.to})`,
          errors: [{ pointer: "/query/from", message: "must not be after to" }],
        },
      };
    }
    return { status: 200, body: await salesReport(req.ctx.deps.db, range) };
  },

  async recordRevenue(payload, context) {
    await addRevenue(context.deps.db, dayOf(payload.occurredAt), payload.amount);
  },

  async recordRefund(payload, context) {
    await addRefund(context.deps.db, dayOf(payload.occurredAt), payload.amount);
  },
};

function isAdmin(ctx: { readonly user?: UserIdentity }): boolean {
  return ctx.user?.roles.includes("admin") ?? false;
}

function forbidden(detail: string) {
  return { type: "about:blank", title: "Forbidden", status: 403, detail };
}
