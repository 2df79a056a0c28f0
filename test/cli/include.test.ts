import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archkit, STACK_LINE, tempDir } from "./helpers.js";

const ROOT_SPEC = [
  "archkit: 1",
  "system: { name: shop, title: Shop }",
  "include: [domains/*.yaml]",
  "services:",
  "  orders:",
  "    endpoints:",
  "      getOrder: { method: GET, path: /orders }",
  "",
].join("\n");

const STOCK = [
  "# the stock domain",
  "services:",
  "  stock:",
  "    endpoints:",
  "      reserve: { method: POST, path: /reserve, calls: [orders.getOrdr] }",
  "",
].join("\n");

async function project(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("archkit validate on a spec split over several files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await project({ "architecture.yaml": ROOT_SPEC, "domains/stock.yaml": STOCK });
  });

  it("names the included file, its line and column, and shows its code frame", async () => {
    const result = await archkit(["validate"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("domains/stock.yaml:5:56 error AK101 unknown endpoint `orders.getOrdr`");
    expect(result.stdout).toContain("> 5 |       reserve: { method: POST, path: /reserve, calls: [orders.getOrdr] }");
    expect(result.stdout).toContain("hint: did you mean `orders.getOrder`?");
    expect(result.stdout).toContain("✖ architecture.yaml: 1 error, 0 warnings");
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });

  it("lists the included file in --format json", async () => {
    const result = await archkit(["validate", "--format", "json"], dir);
    const report = JSON.parse(result.stdout) as { file: string; diagnostics: { file: string; line: number }[] };
    expect(report.file).toBe("architecture.yaml");
    expect(report.diagnostics.map((d) => [d.file, d.line])).toEqual([["domains/stock.yaml", 5]]);
  });

  it("names files relative to the working folder when the spec is elsewhere", async () => {
    const result = await archkit(["validate", join(dir, "architecture.yaml")], dirname(dir));
    const base = dir.slice(dirname(dir).length + 1);
    expect(result.stdout).toContain(`${base}/domains/stock.yaml:5:56 error AK101`);
  });

  it("reports a missing include at its entry", async () => {
    const missing = await project({ "architecture.yaml": ROOT_SPEC.replace("domains/*.yaml", "domains/stok.yaml") });
    const result = await archkit(["validate"], missing);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "architecture.yaml:3:11 error AK004 included file `domains/stok.yaml` does not exist",
    );
    expect(result.stdout).toContain("> 3 | include: [domains/stok.yaml]");
  });
});

describe("archkit generate on a spec split over several files", () => {
  it("generates again when only an included file changed", async () => {
    const fixed = STOCK.replace("orders.getOrdr", "orders.getOrder");
    const dir = await project({ "architecture.yaml": ROOT_SPEC, "domains/stock.yaml": fixed });
    const first = await archkit(["generate", "--only", "docs"], dir);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const again = await archkit(["generate", "--only", "docs"], dir);
    expect(again.stdout).toMatch(/0 created, 0 updated, 0 deleted, \d+ unchanged/);
    await writeFile(join(dir, "domains/stock.yaml"), fixed.replace("/reserve", "/reservations"));
    const changed = await archkit(["generate", "--only", "docs"], dir);
    expect(changed.stdout).toMatch(/0 created, [1-9]\d* updated/);
    expect(await readFile(join(dir, "docs/openapi/stock.yaml"), "utf8")).toContain("/reservations");
  });
});
