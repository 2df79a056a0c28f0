import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, STACK_LINE } from "./helpers.js";

const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

describe("npm start (the README's main command)", () => {
  it("is the build (which the test setup has run), validating the bundled shop, then the shop's demo on archkit dev", () => {
    expect(scripts.start).toMatch(
      /^npm run build --silent && node bin\/archkit\.js validate --summary && tsx examples\/shop\/demo\/main\.ts$/,
    );
  });

  it("with --once: validates the shop, runs it, plays both flows through the gateway, stops cleanly and exits 0", {
    timeout: 180_000,
  }, async () => {
    const command = `${scripts.start!.replace(/^npm run build --silent && /, "")} --once`;
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        "sh",
        ["-c", command],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
        },
      );
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("✔ architecture.yaml is valid");
    expect(result.stdout).toContain("Shop Platform (shop 1.0.0, microservices, approved)");
    expect(result.stdout).toMatch(/✔ Shop Platform ready in \d+\.\d s/);
    for (const step of ["POST /users", "POST /auth/login", "GET  /products", "POST /orders"])
      expect(result.stdout).toContain(`✔ ${step}`);
    expect(result.stdout).toContain("created --validate--> validated --reserve--> reserved --pay--> paid");
    expect(result.stdout).toMatch(/OrderCreated +orders\.order-created +orders → .*notifications ✔/);
    expect(result.stdout).toContain("order-confirmation   email  sent");
    expect(result.stdout).toContain("✔ both flows did what architecture.yaml says");
    expect(result.stdout).toContain("✔ stopped cleanly");
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });
});
