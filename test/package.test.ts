import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./cli/helpers.js";

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly engines?: { readonly node?: string } | readonly string[];
}

const read = <T>(file: string) => JSON.parse(readFileSync(join(ROOT, file), "utf8")) as T;
const semver = createRequire(import.meta.url)("semver") as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
  validRange(range: string): string | null;
};

describe("the package as it is published", () => {
  const pkg = read<{ files: string[]; scripts: Record<string, string>; engines: { node: string } }>("package.json");

  it("ships its docs, builds dist/ when packed and leaves no source map pointing at unshipped sources", () => {
    expect(pkg.files).toEqual(expect.arrayContaining(["bin", "dist", "docs", "schema", "templates"]));
    expect(pkg.files).not.toContain("src");
    expect(pkg.scripts.prepack).toBe("npm run build");
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(read<{ compilerOptions: { sourceMap?: boolean } }>("tsconfig.build.json").compilerOptions.sourceMap).toBe(
      false,
    );
  });

  it("states in engines a Node version every dependency supports, dev dependencies included", () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    const lock = read<{ packages: Record<string, LockEntry> }>("package-lock.json");
    const unsupported = Object.entries(lock.packages)
      .filter(([path]) => path !== "")
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : (entry.engines as { node?: string } | undefined)?.node;
        if (range === undefined || semver.validRange(range) === null) return [];
        const newest20 = "20.99.0";
        const fine = entry.dev ? semver.satisfies(newest20, range) : semver.satisfies(oldest, range);
        return fine ? [] : [`${path}@${entry.version} wants node ${range}`];
      });
    expect(unsupported).toEqual([]);
  });
});
