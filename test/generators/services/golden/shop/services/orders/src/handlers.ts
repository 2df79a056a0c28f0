import { NotImplemented } from "archkit/runtime";
import type { Handlers } from "./generated/index.js";

/** Order Service: fill in each handler. `archkit generate` adds stubs for new endpoints and consumers here and never changes what you wrote. */
export const handlers: Handlers = {
  async placeOrder(req) {
    throw new NotImplemented("orders.placeOrder");
  },

  async getOrder(req) {
    throw new NotImplemented("orders.getOrder");
  },

  async listOrders(req) {
    throw new NotImplemented("orders.listOrders");
  },

  async cancelOrder(req) {
    throw new NotImplemented("orders.cancelOrder");
  },

  async shipOrder(req) {
    throw new NotImplemented("orders.shipOrder");
  },

  async getSalesReport(req) {
    throw new NotImplemented("orders.getSalesReport");
  },

  async recordRevenue(payload, context) {
    throw new NotImplemented("orders.recordRevenue (consumer of PaymentCompleted)");
  },

  async recordRefund(payload, context) {
    throw new NotImplemented("orders.recordRefund (consumer of PaymentRefunded)");
  },
};
