import { NotImplemented } from "archkit/runtime";
import type { Handlers } from "./generated/index.js";

/** Product Service: fill in each handler. `archkit generate` adds stubs for new endpoints and consumers here and never changes what you wrote. */
export const handlers: Handlers = {
  async listProducts(req) {
    throw new NotImplemented("products.listProducts");
  },

  async searchProducts(req) {
    throw new NotImplemented("products.searchProducts");
  },

  async getProduct(req) {
    throw new NotImplemented("products.getProduct");
  },

  async createProduct(req) {
    throw new NotImplemented("products.createProduct");
  },

  async reserveStock(req) {
    throw new NotImplemented("products.reserveStock");
  },

  async commitReservations(payload, context) {
    throw new NotImplemented("products.commitReservations (consumer of OrderCreated)");
  },

  async releaseReservations(payload, context) {
    throw new NotImplemented("products.releaseReservations (consumer of OrderFailed)");
  },

  async restockCancelledOrder(payload, context) {
    throw new NotImplemented("products.restockCancelledOrder (consumer of OrderCancelled)");
  },
};
