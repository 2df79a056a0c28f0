import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { infraFiles } from "../../../src/generators/infra/index.js";
import type { Model } from "../../../src/model/index.js";
import { ROOT, shopModel, tinyModel } from "./helpers.js";

const run = promisify(execFile);
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const made: string[] = [];

/** Write the generated infra/ to a temporary folder whose node_modules are archkit's (the Pulumi SDKs are devDependencies). */
async function writeInfra(model: Model): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "archkit-infra-"));
  made.push(root);
  for (const f of infraFiles(model)) {
    await mkdir(dirname(join(root, f.path)), { recursive: true });
    await writeFile(join(root, f.path), f.content);
  }
  await symlink(join(ROOT, "node_modules"), join(root, "infra", "node_modules"), "dir");
  return join(root, "infra");
}

async function typeCheck(dir: string): Promise<string> {
  const result = await run(process.execPath, [TSC, "--noEmit", "-p", "tsconfig.json"], { cwd: dir }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  return `${result.stdout}${result.stderr}`.trim();
}

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the generated Pulumi program", () => {
  it("compiles with tsc --noEmit for the shop, architecture.json included", async () => {
    expect(await typeCheck(await writeInfra(await shopModel()))).toBe("");
  }, 120_000);

  it("compiles for a spec without gateway, stores or events", async () => {
    expect(await typeCheck(await writeInfra(tinyModel()))).toBe("");
  }, 120_000);

  it("fails the type check when architecture.json lacks what the program reads", async () => {
    const dir = await writeInfra(tinyModel());
    await writeFile(join(dir, "architecture.json"), JSON.stringify({ system: "tiny" }));
    expect(await typeCheck(dir)).toContain("index.ts");
  }, 120_000);
});
