import { readFile, writeFile, mkdir, access } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FileSet } from "../../src/generators/fileset.js";
import { renderDiff } from "../../src/generators/plan-diff.js";
import { applyPlan, isUpToDate, planFileSets } from "../../src/generators/writer.js";
import { tempDir } from "../cli/helpers.js";

const owned = (path: string, content: string) => ({ kind: "owned" as const, path, content });
const docs = (...files: FileSet["files"]): FileSet => ({ target: "docs", files });
const kinds = (plan: Awaited<ReturnType<typeof planFileSets>>) =>
  Object.fromEntries(plan.changes.map((c) => [c.path, c.kind]));
const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

async function generate(root: string, ...sets: FileSet[]) {
  const plan = await planFileSets(root, sets);
  if (plan.conflicts.length === 0) await applyPlan(plan);
  return plan;
}

describe("the writer", () => {
  it("creates files, a manifest and a .gitattributes block; a second run changes nothing", async () => {
    const root = await tempDir("archkit-writer-");
    const set = docs(owned("docs/a.md", "A\n"), owned("docs/deep/b.md", "B\n"));
    const first = await generate(root, set);
    expect(kinds(first)).toEqual({
      ".archkit/manifest.json": "create",
      ".gitattributes": "create",
      "docs/a.md": "create",
      "docs/deep/b.md": "create",
    });
    expect(await readFile(join(root, "docs/deep/b.md"), "utf8")).toBe("B\n");
    expect(await readFile(join(root, ".gitattributes"), "utf8")).toContain("/docs/a.md linguist-generated=true");
    const manifest = JSON.parse(await readFile(join(root, ".archkit/manifest.json"), "utf8")) as {
      files: Record<string, { target: string }>;
    };
    expect(Object.keys(manifest.files)).toEqual(["docs/a.md", "docs/deep/b.md"]);
    const second = await planFileSets(root, [set]);
    expect(isUpToDate(second)).toBe(true);
    expect(renderDiff(second)).toBe("");
  });

  it("--check material: a changed file shows as a unified diff", async () => {
    const root = await tempDir("archkit-writer-");
    await generate(root, docs(owned("docs/a.md", "one\ntwo\n")));
    const plan = await planFileSets(root, [docs(owned("docs/a.md", "one\nthree\n"))]);
    expect(isUpToDate(plan)).toBe(false);
    expect(renderDiff(plan)).toContain("--- a/docs/a.md\n+++ b/docs/a.md\n@@ -1,2 +1,2 @@\n one\n-two\n+three\n");
  });

  it("removes a stale file only while it is as archkit wrote it, and reports the edited one", async () => {
    const root = await tempDir("archkit-writer-");
    await generate(
      root,
      docs(owned("docs/old/x.md", "x\n"), owned("docs/edited.md", "e\n"), owned("docs/keep.md", "k\n")),
    );
    await writeFile(join(root, "docs/edited.md"), "e\nmy notes\n");
    const plan = await generate(root, docs(owned("docs/keep.md", "k\n")));
    expect(kinds(plan)["docs/old/x.md"]).toBe("delete");
    expect(await exists(join(root, "docs/old"))).toBe(false);
    expect(await readFile(join(root, "docs/edited.md"), "utf8")).toBe("e\nmy notes\n");
    expect(plan.notes).toEqual([
      expect.stringContaining("docs/edited.md is no longer generated but was edited by hand"),
    ]);
  });

  it("leaves other targets' files alone when only one target is generated", async () => {
    const root = await tempDir("archkit-writer-");
    await generate(root, docs(owned("docs/a.md", "A\n")), {
      target: "infra",
      files: [owned("infra/index.ts", "// i\n")],
    });
    const plan = await generate(root, docs(owned("docs/a.md", "A\n")));
    expect(kinds(plan)["infra/index.ts"]).toBeUndefined();
    expect(await exists(join(root, "infra/index.ts"))).toBe(true);
  });

  it("creates a scaffold once, never overwrites it, and lets merge add to it", async () => {
    const root = await tempDir("archkit-writer-");
    const scaffold = (content: string) => ({
      target: "services" as const,
      files: [
        {
          kind: "scaffold" as const,
          path: "src/handlers.ts",
          content,
          merge: (existing: string) => ({
            content: existing.includes("b()") ? existing : `${existing}b()\n`,
            notes: ["added b"],
          }),
        },
      ],
    });
    await generate(root, scaffold("a()\n"));
    await writeFile(join(root, "src/handlers.ts"), "a() // mine\n");
    const plan = await generate(root, scaffold("a()\n"));
    expect(plan.notes).toEqual(["added b"]);
    expect(await readFile(join(root, "src/handlers.ts"), "utf8")).toBe("a() // mine\nb()\n");
    const manifest = await readFile(join(root, ".archkit/manifest.json"), "utf8");
    expect(manifest).not.toContain("handlers.ts");
  });

  it("never overwrites a file it did not write", async () => {
    const root = await tempDir("archkit-writer-");
    await mkdir(join(root, "docs"));
    await writeFile(join(root, "docs/a.md"), "the user's\n");
    const plan = await generate(root, docs(owned("docs/a.md", "generated\n")));
    expect(plan.conflicts).toEqual([expect.stringContaining("docs/a.md exists and was not written by archkit")]);
    expect(await readFile(join(root, "docs/a.md"), "utf8")).toBe("the user's\n");
  });

  it("refuses a generated file edited by hand unless forced, and never applies a plan with a conflict", async () => {
    const root = await tempDir("archkit-writer-");
    await generate(root, docs(owned("docs/a.md", "A\n"), owned("docs/b.md", "B\n")));
    await writeFile(join(root, "docs/a.md"), "A, edited\n");
    const refused = await planFileSets(root, [docs(owned("docs/a.md", "A2\n"), owned("docs/b.md", "B2\n"))]);
    expect(refused.conflicts).toEqual([expect.stringContaining("docs/a.md was edited by hand since archkit wrote it")]);
    await expect(applyPlan(refused)).rejects.toThrow("nothing was written");
    expect(await readFile(join(root, "docs/b.md"), "utf8")).toBe("B\n");
    const forced = await planFileSets(root, [docs(owned("docs/a.md", "A2\n"), owned("docs/b.md", "B2\n"))], {
      force: true,
    });
    expect(forced.conflicts).toEqual([]);
    await applyPlan(forced);
    expect(await readFile(join(root, "docs/a.md"), "utf8")).toBe("A2\n");
  });

  it("keeps the user's own .gitattributes lines around its block", async () => {
    const root = await tempDir("archkit-writer-");
    await writeFile(join(root, ".gitattributes"), "*.png binary\n");
    await generate(root, docs(owned("docs/a.md", "A\n")));
    await generate(root, docs(owned("docs/b.md", "B\n")));
    const text = await readFile(join(root, ".gitattributes"), "utf8");
    expect(text).toBe(
      "*.png binary\n\n# >>> archkit: generated files\n/docs/b.md linguist-generated=true\n# <<< archkit\n",
    );
  });

  it.each(["../escape.md", "/etc/passwd", "docs/../../x", "docs//a", "docs/a b.md", "C:\\x"])(
    "refuses the path %s",
    async (path) => {
      const root = await tempDir("archkit-writer-");
      await expect(planFileSets(root, [docs(owned(path, "x"))])).rejects.toThrow(
        "refusing to write outside the output folder",
      );
    },
  );
});
