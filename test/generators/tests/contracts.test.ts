import { describe, expect, it } from "vitest";
import { editHandlers, runVitest, storeProject, typecheck } from "./project.js";

describe("generated contract tests, run with vitest on a generated project", () => {
  it("pass against handlers that honour the spec, and type-check", async () => {
    const dir = await storeProject();
    expect(await typecheck(dir, "test/contracts")).toBe("");
    const outcome = await runVitest(dir);
    expect(outcome.failures).toEqual([]);
    expect(outcome.skips).toEqual([]);
    expect(outcome.passed).toBe(21);
  }, 120_000);

  it("fail the caller's call check naming the field when a provider answers a field of the wrong type", async () => {
    const dir = await storeProject();
    await editHandlers(
      dir,
      "catalog",
      "quantity: req.body.quantity } };",
      "quantity: String(req.body.quantity) as unknown as number } };",
    );
    const outcome = await runVitest(dir, ["test/contracts/orders.contract.test.ts"]);
    const call = outcome.failures.find((f) => f.name.includes("orders -> catalog.reserve"));
    expect(call?.message).toContain("answered 500, which catalog.reserve does not declare");
    expect(call?.message).toContain(
      "the handler answered 201 with a body that breaks Reservation: /quantity must be integer",
    );
  }, 120_000);
});
