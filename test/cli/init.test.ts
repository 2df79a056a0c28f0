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

  it("writes the minimal template: two services, one event between them, one postgres store", async () => {
    const dir = await tempDir();
    const result = await archkit(["init", "notes-app", "--template", "minimal"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("(the minimal template, system `notes-app`)");
    expect(result.stdout).toContain("Next: edit the spec, then `cd notes-app && npx archkit validate`");
    const project = join(dir, "notes-app");
    const { parse } = await import("yaml");
    const spec = parse(await readFile(join(project, "architecture.yaml"), "utf8")) as {
      system: { name: string };
      services: Record<string, unknown>;
      events: Record<string, unknown>;
      stores: Record<string, { kind: string }>;
    };
    expect(spec.system.name).toBe("notes-app");
    expect(Object.keys(spec.services)).toEqual(["notes", "notifier"]);
    expect(Object.keys(spec.events)).toEqual(["NoteCreated"]);
    expect(Object.values(spec.stores).map((s) => s.kind)).toEqual(["postgres"]);
    expect((await archkit(["validate", "--strict"], project)).code).toBe(0);
    const generated = await archkit(["generate", "--only", "services"], project);
    expect(generated.code, generated.stderr).toBe(0);
  });

  it("names the templates when asked for one it does not have", async () => {
    const result = await archkit(["init", "--template", "minimall"], await tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown template "minimall"');
    expect(result.stderr).toContain("minimal");
  });

  it("rejects a system name that is not kebab-case", async () => {
    const result = await archkit(["init", "--name", "My Shop"], await tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not kebab-case");
  });
});
