import { withExamples } from "archkit/runtime";
import { FIXTURE_IDS as ids } from "../../fixture-ids.js";
import { EXAMPLE_FIXTURES, type UsersFixtures } from "./generated/fixtures.js";

/** `fixture-password`, hashed as passwords.ts hashes: both fixture users sign in with it. */
const PASSWORD_HASH = "scrypt$16384$8$1$2HR9ANv5Vkb7Qu-OJtEN7Q$adX03sO6Ac18JkWwNWsC6_Jc5orwNiQePqY6z7bvkt8";

/**
 * Grace, a customer with a delivery address, and Alan, an admin; no open sessions. The contract
 * tests read and update Grace's profile as her, and register her email a second time.
 */
export const fixtures: UsersFixtures = withExamples(EXAMPLE_FIXTURES, {
  tables: {
    users: [
      { id: ids.grace, email: "grace@example.com", passwordHash: PASSWORD_HASH, name: "Grace Hopper", phone: "+442079460001", role: "customer" },
      { id: ids.alan, email: "alan@example.com", passwordHash: PASSWORD_HASH, name: "Alan Turing", role: "admin" },
    ],
    addresses: [
      { id: "8c2e4a6b-1d3f-4b5a-9c7e-2f4a6b8c0d01", userId: ids.grace, line1: "12 Analytical Row", city: "London", postalCode: "N1 9GU", country: "GB" },
    ],
    sessions: [],
  },
  events: {},
  requests: {
    register: [
      { name: "an email already registered", body: { email: "grace@example.com", password: "fixture-password", name: "Grace Hopper" }, status: 409 },
    ],
    getProfile: [
      { name: "Grace reads her own profile", params: { userId: ids.grace }, user: ids.grace },
      { name: "Grace reads Alan's", params: { userId: ids.alan }, user: ids.grace, status: 403 },
    ],
    updateProfile: [{ name: "Grace adds her middle name", params: { userId: ids.grace }, user: ids.grace, body: { name: "Grace Brewster Hopper" } }],
  },
});
