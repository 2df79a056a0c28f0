import { NotImplemented } from "archkit/runtime";
import type { Handlers } from "./generated/index.js";

/** Notification Service: fill in each handler. `archkit generate` adds stubs for new endpoints and consumers here and never changes what you wrote. */
export const handlers: Handlers = {
  async listNotifications(req) {
    throw new NotImplemented("notifications.listNotifications");
  },

  async sendWelcomeEmail(payload, context) {
    throw new NotImplemented("notifications.sendWelcomeEmail (consumer of UserCreated)");
  },

  async updateRecipient(payload, context) {
    throw new NotImplemented("notifications.updateRecipient (consumer of UserUpdated)");
  },

  async sendOrderConfirmation(payload, context) {
    throw new NotImplemented("notifications.sendOrderConfirmation (consumer of OrderCreated)");
  },

  async sendCancellationNotice(payload, context) {
    throw new NotImplemented("notifications.sendCancellationNotice (consumer of OrderCancelled)");
  },

  async sendShippingNotice(payload, context) {
    throw new NotImplemented("notifications.sendShippingNotice (consumer of OrderShipped)");
  },

  async sendPaymentFailedNotice(payload, context) {
    throw new NotImplemented("notifications.sendPaymentFailedNotice (consumer of PaymentFailed)");
  },

  async sendRefundNotice(payload, context) {
    throw new NotImplemented("notifications.sendRefundNotice (consumer of PaymentRefunded)");
  },

  async alertLowStock(payload, context) {
    throw new NotImplemented("notifications.alertLowStock (consumer of LowStock)");
  },
};
