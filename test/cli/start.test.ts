import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, STACK_LINE } from "./helpers.js";

const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

describe("npm start (the README's main command)", () => {
  it("is the build (which the test setup has run) followed by validating the bundled shop", () => {
    expect(scripts.start).toMatch(/^npm run build --silent && node bin\/archkit\.js /);
  });

  it("validates the bundled shop and prints its summary", async () => {
    const command = scripts.start!.replace(/^npm run build --silent && /, "");
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile("sh", ["-c", command], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      });
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("✔ architecture.yaml is valid");
    expect(result.stdout).toContain("Shop Platform (shop 1.0.0, microservices, approved)");
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });
});
