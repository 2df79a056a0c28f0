import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { archkitSource } from "../../src/cli/archkit-dependency.js";
import { tempDir } from "./helpers.js";

const NPX_ROOT = "/home/u/.npm/_npx/1a2b/node_modules/archkit";

describe("the archkit dependency of a new package.json", () => {
  it("is what the lockfile resolved, a tarball included", async () => {
    const dir = await tempDir();
    const lock = { packages: { "node_modules/archkit": { version: "0.1.0", resolved: "file:../archkit-0.1.0.tgz" } } };
    await writeFile(join(dir, "package-lock.json"), JSON.stringify(lock));
    expect(await archkitSource(dir, NPX_ROOT, "0.1.0", {})).toEqual({
      kind: "installed",
      spec: "file:../archkit-0.1.0.tgz",
    });
  });

  it("is the folder node_modules/archkit links to", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "node_modules"));
    await mkdir(join(dir, "vendor", "archkit"), { recursive: true });
    await symlink(join(dir, "vendor", "archkit"), join(dir, "node_modules", "archkit"));
    expect(await archkitSource(dir, NPX_ROOT, "0.1.0", {})).toEqual({ kind: "path", spec: "file:vendor/archkit" });
  });

  it("is the tarball `npx <tarball>` ran, relative to the project", async () => {
    const dir = await tempDir();
    const env = { npm_command: "exec", npm_config_package: "../archkit-0.1.0.tgz", INIT_CWD: dir };
    expect(await archkitSource(dir, NPX_ROOT, "0.1.0", env)).toEqual({
      kind: "path",
      spec: "file:../archkit-0.1.0.tgz",
    });
  });

  it("is the checkout archkit runs from, else a version range", async () => {
    const dir = await tempDir();
    expect(await archkitSource(dir, join(dir, "..", "archkit-src"), "0.1.0", {})).toEqual({
      kind: "path",
      spec: "file:../archkit-src",
    });
    expect(await archkitSource(dir, NPX_ROOT, "0.1.0", { npm_command: "exec", npm_config_package: "archkit" })).toEqual(
      {
        kind: "registry",
        spec: "^0.1.0",
      },
    );
  });
});
