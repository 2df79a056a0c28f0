import { NotImplemented } from "archkit/runtime";
import type { Handlers } from "./generated/index.js";

/** Payment Service: fill in each handler. `archkit generate` adds stubs for new endpoints and consumers here and never changes what you wrote. */
export const handlers: Handlers = {
  async charge(req) {
    throw new NotImplemented("payments.charge");
  },

  async getPayment(req) {
    throw new NotImplemented("payments.getPayment");
  },

  async refundPayment(payload, context) {
    throw new NotImplemented("payments.refundPayment (consumer of OrderCancelled)");
  },
};
