import { execFile } from "node:child_process";
import { lstat, realpath } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { archkit, ROOT } from "../cli/helpers.js";

const SHOP = join(ROOT, "examples", "shop");

function tsc(project: string): Promise<{ code: number; output: string }> {
  const bin = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, "-p", project, "--noEmit"], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({
        code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
        output: `${stdout}${stderr}`.trim(),
      });
    });
  });
}

describe("examples/shop", () => {
  it("is exactly what archkit generates from architecture.yaml (the CI drift gate, through the real CLI)", async () => {
    const result = await archkit([
      "generate",
      "architecture.yaml",
      "--out",
      "examples/shop",
      "--only",
      "services,sdk",
      "--check",
    ]);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it("type-checks with tsc --noEmit, handlers included, against this checkout's runtime", {
    timeout: 120_000,
  }, async () => {
    const link = join(SHOP, "node_modules", "archkit");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await realpath(link)).toBe(await realpath(ROOT));
    const result = await tsc(join(SHOP, "tsconfig.json"));
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });
});
