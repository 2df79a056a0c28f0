import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { compileSpec } from "../../../src/model/index.js";
import { archkit, ROOT, tempDir } from "../../cli/helpers.js";

const run = promisify(execFile);

/** Every valid spec among the test fixtures (warnings allowed): the docs fixtures and the warning-only invalid ones. */
const SPECS = [
  ...readdirSync(join(ROOT, "test/generators/docs/fixtures")).map((f) => join("test/generators/docs/fixtures", f)),
  ...readdirSync(join(ROOT, "test/fixtures/invalid")).map((f) => join("test/fixtures/invalid", f)),
]
  .filter((f) => f.endsWith(".yaml"))
  .filter((f) => compileSpec(readFileSync(join(ROOT, f), "utf8"), f).ok)
  .sort();

describe("generated services of every valid fixture spec type-check", () => {
  it("finds valid fixtures", () => expect(SPECS.length).toBeGreaterThanOrEqual(3));

  it.each(SPECS)(
    "%s",
    async (spec) => {
      const dir = await tempDir();
      await writeFile(join(dir, "architecture.yaml"), readFileSync(join(ROOT, spec), "utf8"));
      await mkdir(join(dir, "node_modules"));
      await symlink(ROOT, join(dir, "node_modules", "archkit"));
      await symlink(join(ROOT, "node_modules", "@types"), join(dir, "node_modules", "@types"));
      const generated = await archkit(["generate", "--only", "services"], dir);
      expect(generated.code, generated.stderr).toBe(0);
      const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
      const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir }).catch(
        (error: { stdout: string }) => ({ stdout: error.stdout }),
      );
      expect(result.stdout.trim()).toBe("");
    },
    120_000,
  );
});
