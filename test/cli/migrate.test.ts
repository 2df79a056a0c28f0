import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specVersion } from "../runtime/db/evolution.js";
import { archkit, tempDir } from "./helpers.js";

const FOLDER = "services/shop/migrations/db";

describe("migrations through the CLI: generate, --check, validate, migrate", () => {
  it("writes migrations per spec version, fails --check while they are behind, warns about data loss, and applies them", async () => {
    const dir = await tempDir();
    const spec = join(dir, "architecture.yaml");
    await writeFile(spec, specVersion(1));
    expect((await archkit(["generate", spec, "--only", "services"])).code).toBe(0);
    expect((await readdir(join(dir, FOLDER))).sort()).toEqual(["0001_initial.sql", "schema.json"]);
    const manifest = JSON.parse(await readFile(join(dir, ".archkit/manifest.json"), "utf8"));
    expect(manifest.files[`${FOLDER}/0001_initial.sql`].hash).toMatch(/^[0-9a-f]{64}$/);

    const pglite = `pglite://${join(dir, "pgdata")}`;
    const first = await archkit(["migrate", dir, "--database-url", pglite]);
    expect(first.stdout).toMatch(/applied .*services\/shop\/migrations\/db\/0001_initial\.sql/);
    expect(first.stdout).toMatch(/2 migrations applied to pglite:/);

    await writeFile(spec, specVersion(2).replace(/ +note: \{ type: text, nullable: true \}\n/, ""));
    const check = await archkit(["generate", spec, "--only", "services", "--check"]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`b/${FOLDER}/0002_rename_orders_total_to_amount.sql`);
    expect(check.stdout).toContain(`b/${FOLDER}/0003_rename_orders_total_to_amount_contract.sql`);

    const before = await archkit(["validate", spec, "--format", "json"]);
    const pending = JSON.parse(before.stdout).diagnostics.filter((d: { code: string }) => d.code === "AK121");
    expect(pending.map((d: { message: string }) => d.message)).toEqual([
      `the next migration of store \`db\` (after 0001 in ${FOLDER}) drops column orders.note with its values`,
    ]);

    expect((await archkit(["generate", spec, "--only", "services"])).code).toBe(0);
    expect((await archkit(["generate", spec, "--only", "services", "--check"])).code).toBe(0);
    const after = await archkit(["validate", spec, "--format", "json"]);
    expect(JSON.parse(after.stdout).diagnostics.filter((d: { code: string }) => d.code === "AK121")).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: `migration ${FOLDER}/0003_rename_orders_total_to_amount_contract.sql of store \`db\` drops column orders.note with its values`,
      }),
    ]);

    const expand = await archkit(["migrate", dir, "--database-url", pglite]);
    expect(expand.stdout).toMatch(/applied .*0002_rename_orders_total_to_amount\.sql/);
    expect(expand.stdout).toMatch(
      /waiting .*0003_rename_orders_total_to_amount_contract\.sql \(contract: run with --contract\)/,
    );
    const contract = await archkit(["migrate", dir, "--database-url", pglite, "--contract"]);
    expect(contract.stdout).toMatch(/applied .*0003_rename_orders_total_to_amount_contract\.sql/);
    expect(contract.code).toBe(0);
  }, 120_000);

  it("keeps a hand-edited migration as it is when generating again", async () => {
    const dir = await tempDir();
    const spec = join(dir, "architecture.yaml");
    await writeFile(spec, specVersion(1));
    await archkit(["generate", spec, "--only", "services"]);
    const file = join(dir, FOLDER, "0001_initial.sql");
    const edited = `${await readFile(file, "utf8")}\ninsert into "orders" ("status", "total") values ('seed', 0);\n`;
    await writeFile(file, edited);
    await writeFile(spec, specVersion(2));
    const again = await archkit(["generate", spec, "--only", "services"]);
    expect(again.code).toBe(0);
    expect(await readFile(file, "utf8")).toBe(edited);
    expect((await readdir(join(dir, FOLDER))).sort()).toEqual([
      "0001_initial.sql",
      "0002_rename_orders_total_to_amount.sql",
      "0003_rename_orders_total_to_amount_contract.sql",
      "schema.json",
    ]);
  }, 60_000);

  it("says what to pass when there is no database to migrate", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "architecture.yaml"), specVersion(1));
    await archkit(["generate", join(dir, "architecture.yaml"), "--only", "services"]);
    const result = await archkit(["migrate", dir], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no database to migrate/);
  }, 60_000);
});
