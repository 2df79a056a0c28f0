import { NotImplemented } from "archkit/runtime";
import type { Handlers } from "./generated/index.js";

/** User Service: fill in each handler. `archkit generate` adds stubs for new endpoints and consumers here and never changes what you wrote. */
export const handlers: Handlers = {
  async register(req) {
    throw new NotImplemented("users.register");
  },

  async login(req) {
    throw new NotImplemented("users.login");
  },

  async getProfile(req) {
    throw new NotImplemented("users.getProfile");
  },

  async updateProfile(req) {
    throw new NotImplemented("users.updateProfile");
  },
};
