import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { archkit, STACK_LINE, tempDir } from "./helpers.js";

describe("archkit validate", () => {
  it("accepts the bundled example and prints a summary", async () => {
    const result = await archkit(["validate", "--summary"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✔ architecture.yaml is valid");
    expect(result.stdout).toMatch(/5 services, 18 endpoints/);
  });

  it("reports every problem with file:line:column, a code frame and a did-you-mean hint", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, "broken.yaml"),
      [
        "archkit: 1",
        "system: { name: shop, titel: Shop }",
        "services:",
        "  orders:",
        "    endpoints:",
        "      place: { method: POST, path: /orders, calls: [stock.reserv] }",
        "  stock:",
        "    endpoints:",
        "      reserve: { method: POST, path: /r }",
        "",
      ].join("\n"),
    );
    const result = await archkit(["validate", "broken.yaml"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("broken.yaml:2:23 error AK010 unknown key `titel` in system");
    expect(result.stdout).toContain("hint: did you mean `title`?");
    expect(result.stdout).toContain("broken.yaml:6:53 error AK101 unknown endpoint `stock.reserv`");
    expect(result.stdout).toContain("hint: did you mean `stock.reserve`?");
    expect(result.stdout).toMatch(/> 6 \|/);
    expect(result.stdout).toContain("✖ broken.yaml: 2 errors, 0 warnings");
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });

  it("--format json lists the same diagnostics for CI", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "a.yaml"), "archkit: 2\nsystem: { name: a, title: A }\nservices: {}\n");
    const result = await archkit(["validate", "a.yaml", "--format", "json"], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      errors: number;
      diagnostics: { code: string; line: number; column: number }[];
    };
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(report.diagnostics[0]).toMatchObject({ code: "AK003", line: 1, column: 10, file: "a.yaml" });
  });

  it("warnings alone exit 0, and 1 with --strict", async () => {
    const dir = await tempDir();
    const spec =
      "archkit: 1\nsystem: { name: a, title: A }\nservices: { s: {} }\nstores: { db: { kind: postgres, tables: {} } }\n";
    await writeFile(join(dir, "w.yaml"), spec);
    expect((await archkit(["validate", "w.yaml"], dir)).code).toBe(0);
    expect((await archkit(["validate", "w.yaml", "--strict"], dir)).code).toBe(1);
  });

  it.each([
    ["a missing file", ["validate", "nope.yaml"], 1, "nope.yaml:1:1 error AK001 cannot read"],
    ["a directory", ["validate", "."], 1, "is a directory"],
    ["an unknown format", ["validate", "--format", "xml"], 1, 'unknown format "xml"'],
    ["an unknown command", ["valdate"], 1, "unknown command"],
  ])("%s gets a one-line error, never a stack trace", async (_name, args, code, text) => {
    const dir = await tempDir();
    const result = await archkit(args, dir);
    expect(result.code).toBe(code);
    expect(result.stdout + result.stderr).toContain(text);
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });

  it("--help shows an example", async () => {
    const result = await archkit(["validate", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ archkit validate");
  });
});
