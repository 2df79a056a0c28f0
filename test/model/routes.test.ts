import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSpec, computeModel, type ComputedModel } from "../../src/model/index.js";
import { NOTES } from "../generators/sdk/specs.js";

const ROOT = join(import.meta.dirname, "..", "..");

function compiled(text: string): ComputedModel {
  const result = compileSpec(text, "spec.yaml");
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return computeModel(result.model);
}

const shop = compiled(readFileSync(join(ROOT, "architecture.yaml"), "utf8"));
const notes = compiled(NOTES);

describe("computed.gatewayStatusesOf: the problems the gateway answers itself", () => {
  const cases: [string, ComputedModel, string, readonly number[]][] = [
    ["open, rate limited", shop, "products.listProducts", [429]],
    ["a token, rate limited", shop, "orders.placeOrder", [401, 429]],
    ["a role, rate limited", shop, "orders.cancelOrder", [401, 403, 429]],
    ["internal: the gateway does not route it", shop, "products.reserveStock", []],
    ["a token, no rate limit", notes, "notes.addNote", [401]],
    ["a role, no rate limit", notes, "notes.deleteNote", [401, 403]],
  ];
  it.each(cases)("%s (%s)", (_, computed, endpoint, want) => {
    expect(computed.gatewayStatusesOf(computed.endpoint(endpoint))).toEqual(want);
  });
});

describe("computed.routeSchemas: the named schemas of the public API", () => {
  it("follows $refs from the public endpoints and leaves out what only internal endpoints use", () => {
    expect(shop.routeSchemas).toEqual(
      expect.arrayContaining(["PlaceOrder", "Order", "OrderLine", "Money", "Problem", "Payment"]),
    );
    for (const internal of ["ReserveStock", "StockReservation", "ChargeRequest"])
      expect(shop.routeSchemas).not.toContain(internal);
    expect(notes.routeSchemas).toEqual(["Note", "Problem"]);
  });
});
