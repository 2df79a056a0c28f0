import { describe, expect, it } from "vitest";
import { hasShop, shopProject } from "../generators/tests/project.js";
import { archkit } from "./helpers.js";

describe.skipIf(!hasShop)("archkit sla starting the shop itself", () => {
  it("starts the shop on the embedded defaults, loads the order flow through the gateway (more orders than a small stock holds), passes and stops it", async () => {
    const dir = await shopProject({ tests: false });
    const result = await archkit(
      ["sla", "--target", "orderProcessing", "--rate", "10", "--duration", "5s", "--warmup", "1s"],
      dir,
    );
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(
      /^archkit sla: started by archkit \(5 services, embedded defaults, gateway http:\/\/127\.0\.0\.1:\d+\);/m,
    );
    expect(result.stdout).toMatch(/^flow orderProcessing\s+gateway\s+10\/10 .* 0%\/0\.1%\s+0\s+0\s+✔$/m);
    expect(result.stdout).toMatch(/^ {4}orders\.placeOrder\s+budget 70ms$/m);
    expect(result.stdout).toMatch(/^ {8}paymentGateway\s+no budget$/m);
  }, 120_000);
});
