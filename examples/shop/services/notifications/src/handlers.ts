import type { Handlers } from "./generated/index.js";
import {
  operationsRecipient,
  recentNotifications,
  recipientOf,
  saveRecipient,
  send,
  sendEmailAndSms,
} from "./delivery.js";
import {
  cancellation,
  lowStock,
  orderConfirmation,
  orderConfirmationSms,
  paymentFailed,
  refund,
  shipping,
  shippingSms,
  welcome,
} from "./templates.js";

/** Notification Service: keeps recipients' contact details from user events and sends email and SMS on domain events. */
export const handlers: Handlers = {
  async listNotifications(req) {
    const items = await recentNotifications(req.ctx.deps.db, req.query.recipientId, req.query.limit ?? 20);
    return { status: 200, body: { items } };
  },

  async sendWelcomeEmail(payload, context) {
    const { deps } = context;
    const recipient = {
      userId: payload.userId,
      email: payload.email,
      phone: payload.phone ?? null,
      name: payload.name,
    };
    await saveRecipient(deps.db, recipient);
    await send(deps, { ...recipient, updatedAt: new Date() }, "email", welcome(payload.name));
  },

  async updateRecipient(payload, context) {
    const { deps } = context;
    const changes = {
      ...(payload.email === undefined ? {} : { email: payload.email }),
      ...(payload.name === undefined ? {} : { name: payload.name }),
      ...(payload.phone === undefined ? {} : { phone: payload.phone }),
    };
    if (Object.keys(changes).length === 0) return;
    await deps.db
      .updateTable("recipients")
      .set({ ...changes, updatedAt: new Date() })
      .where("userId", "=", payload.userId)
      .execute();
  },

  async sendOrderConfirmation(payload, context) {
    const { deps } = context;
    const recipient = await recipientOf(deps.db, payload.customerId);
    await sendEmailAndSms(
      deps,
      recipient,
      orderConfirmation(recipient.name, payload.orderId, payload.items, payload.total),
      orderConfirmationSms(payload.orderId, payload.total),
    );
  },

  async sendCancellationNotice(payload, context) {
    const { deps } = context;
    const recipient = await recipientOf(deps.db, payload.customerId);
    await send(deps, recipient, "email", cancellation(recipient.name, payload.orderId, payload.reason));
  },

  async sendShippingNotice(payload, context) {
    const { deps } = context;
    const recipient = await recipientOf(deps.db, payload.customerId);
    await sendEmailAndSms(
      deps,
      recipient,
      shipping(recipient.name, payload.orderId, payload.carrier, payload.trackingNumber),
      shippingSms(payload.orderId, payload.carrier, payload.trackingNumber),
    );
  },

  async sendPaymentFailedNotice(payload, context) {
    const { deps } = context;
    const recipient = await recipientOf(deps.db, payload.customerId);
    await send(deps, recipient, "email", paymentFailed(recipient.name, payload.orderId, payload.reason));
  },

  async sendRefundNotice(payload, context) {
    const { deps } = context;
    const recipient = await recipientOf(deps.db, payload.customerId);
    await send(deps, recipient, "email", refund(recipient.name, payload.orderId, payload.amount));
  },

  async alertLowStock(payload, context) {
    const { deps } = context;
    await send(
      deps,
      await operationsRecipient(deps.db),
      "email",
      lowStock(payload.productId, payload.sku, payload.available, payload.threshold),
    );
  },
};
