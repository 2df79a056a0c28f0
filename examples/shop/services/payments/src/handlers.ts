import type { Handlers, Problem } from "./generated/index.js";
import { chargeCard, refundCharge } from "./gateway.js";
import { moneyOf, recordAttempt, toPayment } from "./ledger.js";

/** Payment Service: charges and refunds through the payment gateway, and the payment ledger. */
export const handlers: Handlers = {
  async charge(req) {
    const { deps } = req.ctx;
    const { orderId, customerId, amount, paymentMethod } = req.body;
    const { db } = deps;
    const existing = await db.selectFrom("payments").selectAll().where("orderId", "=", orderId).executeTakeFirst();
    if (existing?.status === "succeeded") return { status: 201, body: toPayment(existing) };
    if (existing?.status === "refunded")
      return { status: 409, body: problem(409, `the payment of order ${orderId} was refunded; place a new order`) };
    const outcome = await chargeCard(deps.clients, orderId, amount, paymentMethod.token);
    const row = await deps.tx(async (tx) => {
      const occurredAt = new Date().toISOString();
      if (outcome.kind === "approved") {
        const paid = await recordAttempt(tx.db, {
          orderId,
          customerId,
          amount,
          status: "succeeded",
          providerRef: outcome.providerRef,
        });
        await tx.publish("PaymentCompleted", { paymentId: paid.id, orderId, customerId, amount, occurredAt });
        return paid;
      }
      const failed = await recordAttempt(tx.db, {
        orderId,
        customerId,
        amount,
        status: "failed",
        failureReason: outcome.reason,
      });
      await tx.publish("PaymentFailed", {
        paymentId: failed.id,
        orderId,
        customerId,
        reason: outcome.reason,
        occurredAt,
      });
      return failed;
    });
    if (outcome.kind === "declined")
      return { status: 402, body: problem(402, `payment ${row.id} declined: ${outcome.reason}`) };
    return { status: 201, body: toPayment(row), headers: { location: `/payments/${row.id}` } };
  },

  async getPayment(req) {
    const row = await req.ctx.deps.db
      .selectFrom("payments")
      .selectAll()
      .where("id", "=", req.params.paymentId)
      .executeTakeFirst();
    return row ? { status: 200, body: toPayment(row) } : { status: 404 };
  },

  async refundPayment(payload, context) {
    const { db, clients, publish } = context.deps;
    const payment = await db
      .selectFrom("payments")
      .selectAll()
      .where("orderId", "=", payload.orderId)
      .where("status", "=", "succeeded")
      .forUpdate()
      .executeTakeFirst();
    if (!payment?.providerRef) return;
    const amount = moneyOf(payment);
    const providerRef = await refundCharge(clients, payment.id, payment.providerRef, amount);
    await db.insertInto("refunds").values({ paymentId: payment.id, amount: payment.amount, providerRef }).execute();
    await db.updateTable("payments").set({ status: "refunded" }).where("id", "=", payment.id).execute();
    await publish("PaymentRefunded", {
      paymentId: payment.id,
      orderId: payment.orderId,
      customerId: payment.customerId,
      amount,
      occurredAt: new Date().toISOString(),
    });
  },
};

function problem(status: 402 | 409, detail: string): Problem {
  return { type: "about:blank", title: status === 402 ? "Payment Required" : "Conflict", status, detail };
}
