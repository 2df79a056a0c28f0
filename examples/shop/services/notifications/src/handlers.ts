import type { Handlers } from "./generated/index.js";
import {
  notificationsDb,
  operationsRecipient,
  recentNotifications,
  recipientOf,
  saveRecipient,
  send,
  sendEmailAndSms,
  type NotificationsTx,
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
    const items = await recentNotifications(
      notificationsDb(req.ctx.deps.db),
      req.query.recipientId,
      req.query.limit ?? 20,
    );
    return { status: 200, body: { items } };
  },

  async sendWelcomeEmail(payload, context) {
    const tx = context.tx as NotificationsTx;
    const recipient = {
      userId: payload.userId,
      email: payload.email,
      phone: payload.phone ?? null,
      name: payload.name,
    };
    await saveRecipient(tx, recipient);
    await send(tx, { ...recipient, updatedAt: new Date() }, "email", welcome(payload.name));
  },

  async updateRecipient(payload, context) {
    const tx = context.tx as NotificationsTx;
    const changes = {
      ...(payload.email === undefined ? {} : { email: payload.email }),
      ...(payload.name === undefined ? {} : { name: payload.name }),
      ...(payload.phone === undefined ? {} : { phone: payload.phone }),
    };
    if (Object.keys(changes).length === 0) return;
    await tx
      .updateTable("recipients")
      .set({ ...changes, updatedAt: new Date() })
      .where("userId", "=", payload.userId)
      .execute();
  },

  async sendOrderConfirmation(payload, context) {
    const tx = context.tx as NotificationsTx;
    const recipient = await recipientOf(tx, payload.customerId);
    await sendEmailAndSms(
      tx,
      recipient,
      orderConfirmation(recipient.name, payload.orderId, payload.items, payload.total),
      orderConfirmationSms(payload.orderId, payload.total),
    );
  },

  async sendCancellationNotice(payload, context) {
    const tx = context.tx as NotificationsTx;
    const recipient = await recipientOf(tx, payload.customerId);
    await send(tx, recipient, "email", cancellation(recipient.name, payload.orderId, payload.reason));
  },

  async sendShippingNotice(payload, context) {
    const tx = context.tx as NotificationsTx;
    const recipient = await recipientOf(tx, payload.customerId);
    await sendEmailAndSms(
      tx,
      recipient,
      shipping(recipient.name, payload.orderId, payload.carrier, payload.trackingNumber),
      shippingSms(payload.orderId, payload.carrier, payload.trackingNumber),
    );
  },

  async sendPaymentFailedNotice(payload, context) {
    const tx = context.tx as NotificationsTx;
    const recipient = await recipientOf(tx, payload.customerId);
    await send(tx, recipient, "email", paymentFailed(recipient.name, payload.orderId, payload.reason));
  },

  async sendRefundNotice(payload, context) {
    const tx = context.tx as NotificationsTx;
    const recipient = await recipientOf(tx, payload.customerId);
    await send(tx, recipient, "email", refund(recipient.name, payload.orderId, payload.amount));
  },

  async alertLowStock(payload, context) {
    const tx = context.tx as NotificationsTx;
    await send(
      tx,
      await operationsRecipient(tx),
      "email",
      lowStock(payload.productId, payload.sku, payload.available, payload.threshold),
    );
  },
};
