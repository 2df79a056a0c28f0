import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
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

const folderOf = (spec: string) => basename(spec, ".yaml");

/**
 * Each fixture's services are generated into a folder of one project, and one tsc run checks them
 * all under the generated tsconfig's settings: a run per fixture would load the runtime's types
 * and @types/node again each time. Errors are attributed to a fixture by their file's folder.
 */
async function typeCheckAll(): Promise<{ generated: Map<string, { code: number; stderr: string }>; errors: string[] }> {
  const root = await tempDir();
  await mkdir(join(root, "node_modules"));
  await symlink(ROOT, join(root, "node_modules", "archkit"));
  await symlink(join(ROOT, "node_modules", "@types"), join(root, "node_modules", "@types"));
  const generated = new Map<string, { code: number; stderr: string }>();
  await Promise.all(
    SPECS.map(async (spec) => {
      const dir = join(root, folderOf(spec));
      await mkdir(dir);
      await writeFile(join(dir, "architecture.yaml"), readFileSync(join(ROOT, spec), "utf8"));
      generated.set(spec, await archkit(["generate", "--only", "services"], dir));
    }),
  );
  const settings = JSON.parse(readFileSync(join(root, folderOf(SPECS[0]!), "tsconfig.json"), "utf8")) as object;
  await writeFile(join(root, "tsconfig.json"), JSON.stringify({ ...settings, include: ["*/services/*/src"] }));
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const result = await run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: root }).catch(
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  return { generated, errors: result.stdout.split("\n").filter((line) => line.trim() !== "") };
}

describe("generated services of every valid fixture spec type-check", () => {
  let outcome: Awaited<ReturnType<typeof typeCheckAll>>;
  beforeAll(async () => {
    outcome = await typeCheckAll();
  }, 240_000);

  it("finds valid fixtures, with distinct folder names", () => {
    expect(SPECS.length).toBeGreaterThanOrEqual(3);
    expect(new Set(SPECS.map(folderOf)).size).toBe(SPECS.length);
  });

  it.each(SPECS)("%s", (spec) => {
    const generated = outcome.generated.get(spec);
    expect(generated?.code, generated?.stderr).toBe(0);
    expect(outcome.errors.filter((line) => line.startsWith(`${folderOf(spec)}/`))).toEqual([]);
  });

  it("leaves no error unattributed", () => {
    expect(outcome.errors.filter((line) => !SPECS.some((spec) => line.startsWith(`${folderOf(spec)}/`)))).toEqual([]);
  });
});
