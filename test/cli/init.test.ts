import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { archkit, tempDir } from "./helpers.js";

describe("archkit init", () => {
  it("writes a valid project named after its directory, with the editor schema", async () => {
    const dir = await tempDir();
    const result = await archkit(["init", "online-shop"], dir);
    expect(result.code).toBe(0);
    const spec = await readFile(join(dir, "online-shop", "architecture.yaml"), "utf8");
    expect(spec.split("\n")[0]).toBe("# yaml-language-server: $schema=./.archkit/architecture.schema.json");
    expect(spec).toContain("name: online-shop");
    const schema = JSON.parse(
      await readFile(join(dir, "online-shop", ".archkit", "architecture.schema.json"), "utf8"),
    ) as { title: string };
    expect(schema.title).toContain("archkit");
    const validated = await archkit(["validate"], join(dir, "online-shop"));
    expect(validated.stdout).toContain("is valid");
    expect(validated.code).toBe(0);
  });

  it("refuses to overwrite without --force and keeps the user's file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "architecture.yaml"), "mine\n");
    const refused = await archkit(["init"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("architecture.yaml already exists; nothing was written");
    expect(refused.stderr).toContain("--force");
    expect(await readFile(join(dir, "architecture.yaml"), "utf8")).toBe("mine\n");
    const forced = await archkit(["init", "--force", "--name", "my-shop"], dir);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, "architecture.yaml"), "utf8")).toContain("name: my-shop");
  });

  it("rejects a system name that is not kebab-case", async () => {
    const result = await archkit(["init", "--name", "My Shop"], await tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not kebab-case");
  });
});
