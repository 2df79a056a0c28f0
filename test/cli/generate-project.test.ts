import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { archkit, ROOT, tempDir } from "./helpers.js";

const SPEC = `archkit: 1
system: { name: mini, title: Mini }
services:
  orders:
    endpoints:
      getOrder: { method: GET, path: /orders, responses: { 200: { type: object } } }
`;

async function project(files: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, "architecture.yaml"), SPEC);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const json = async (file: string) => JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;

describe("archkit generate in a team's own repository", () => {
  it("merges an existing CommonJS package.json and makes services/ ES modules", async () => {
    const own = { name: "legacy", scripts: { test: "jest" }, dependencies: { archkit: "file:vendor/archkit.tgz" } };
    const dir = await project({ "package.json": JSON.stringify(own) });
    const result = await archkit(["generate", "--only", "services"], dir);
    expect(result.code, result.stderr).toBe(0);
    const merged = await json(join(dir, "package.json"));
    expect(merged).toMatchObject({ name: "legacy", dependencies: { archkit: "file:vendor/archkit.tgz" } });
    expect(merged.type).toBeUndefined();
    expect(merged.scripts).toMatchObject({
      test: "jest",
      typecheck: "tsc --noEmit",
      "start:orders": expect.any(String),
    });
    expect(Object.keys(merged.devDependencies as object).sort()).toEqual(["@types/node", "tsx", "typescript"]);
    expect(await json(join(dir, "services/package.json"))).toEqual({ private: true, type: "module" });
    expect(result.stdout).toMatch(/^note: package\.json: added scripts typecheck .*devDependencies/m);
    expect(result.stdout).toContain("package.json is CommonJS");
    const again = await archkit(["generate", "--only", "services"], dir);
    expect(again.stdout).not.toContain("note:");
    expect(again.stdout).not.toContain("Next:");
  });

  it("gives a new package.json the archkit the project has installed, and prints next steps once", async () => {
    const dir = await project();
    await mkdir(join(dir, "node_modules"));
    await symlink(ROOT, join(dir, "node_modules", "archkit"));
    const result = await archkit(["generate", "--only", "services"], dir);
    expect(result.code, result.stderr).toBe(0);
    const created = await json(join(dir, "package.json"));
    expect((created.dependencies as Record<string, string>).archkit).toMatch(/^file:/);
    expect(result.stdout).toMatch(/\nNext:\n {2}npm install/);
    expect(result.stdout).toContain("npx archkit dev ");
  });

  it("takes a tarball spec from the lockfile", async () => {
    const lock = { packages: { "node_modules/archkit": { version: "0.1.0", resolved: "file:../archkit-0.1.0.tgz" } } };
    const dir = await project({ "package-lock.json": JSON.stringify(lock) });
    expect((await archkit(["generate", "--only", "services"], dir)).code).toBe(0);
    expect(await json(join(dir, "package.json"))).toMatchObject({
      dependencies: { archkit: "file:../archkit-0.1.0.tgz" },
    });
  });

  it("finds every conflict before writing anything", async () => {
    const dir = await project({
      "services/orders/src/generated/types.ts": "mine\n",
      "services/orders/src/generated/db.ts": "mine too\n",
    });
    const result = await archkit(["generate", "--only", "services"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("services/orders/src/generated/types.ts exists and was not written by archkit");
    expect(result.stderr).toContain("services/orders/src/generated/db.ts exists and was not written by archkit");
    expect(result.stderr).toContain("✖ nothing was written: 2 conflicts above");
    await expect(readFile(join(dir, "package.json"), "utf8")).rejects.toThrow();
    await expect(readFile(join(dir, "services/orders/src/handlers.ts"), "utf8")).rejects.toThrow();
  });
});
