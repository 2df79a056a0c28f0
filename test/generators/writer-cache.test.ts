import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_PATH, readCache, reusePreviousRun, runInput } from "../../src/generators/cache.js";
import type { FileSet, MergeResult } from "../../src/generators/fileset.js";
import { applyPlan, planFileSets } from "../../src/generators/writer.js";
import { tempDir } from "../cli/helpers.js";

const root = () => tempDir("archkit-cache-");

/** A scaffold whose merge appends `b()` when missing and counts its calls. */
function counted(key: string | undefined) {
  const calls = { count: 0 };
  const merge = (existing: string): MergeResult => {
    calls.count += 1;
    const notes = existing.includes("old()") ? ["old() has no endpoint"] : [];
    return existing.includes("b()")
      ? { content: existing, notes }
      : { content: `${existing}b()\n`, notes: [...notes, "added b"] };
  };
  const set: FileSet = {
    target: "services",
    files: [
      { kind: "owned", path: "gen/types.ts", content: "// generated\n" },
      { kind: "scaffold", path: "src/handlers.ts", content: "a()\nb()\n", merge, mergeKey: key },
      { kind: "scaffold", path: "src/main.ts", content: "main()\n" },
    ],
  };
  return { calls, set };
}

async function generate(dir: string, set: FileSet, input?: string) {
  const plan = await planFileSets(dir, [set]);
  if (plan.conflicts.length === 0) await applyPlan(plan, { input });
  return plan;
}

describe("the writer's cache", () => {
  it("skips a merge it remembers and merges again when the file or the key changes", async () => {
    const dir = await root();
    const { calls, set } = counted("stubs-1");
    await generate(dir, set);
    expect((await planFileSets(dir, [set])).notes).toEqual([]);
    expect(calls.count).toBe(0);

    await writeFile(join(dir, "src/handlers.ts"), "a() // mine\nold()\n");
    const merged = await generate(dir, set);
    expect(merged.notes).toEqual(["old() has no endpoint", "added b"]);
    expect(await readFile(join(dir, "src/handlers.ts"), "utf8")).toBe("a() // mine\nold()\nb()\n");
    const afterMerge = calls.count;

    const again = await planFileSets(dir, [set]);
    expect(calls.count).toBe(afterMerge);
    expect(again.notes).toEqual(["old() has no endpoint"]);
    expect(again.changes.find((c) => c.path === "src/handlers.ts")?.kind).toBe("unchanged");

    const changedKey = counted("stubs-2");
    await planFileSets(dir, [changedKey.set]);
    expect(changedKey.calls.count).toBe(1);
  });

  it("without a merge key, merges every time", async () => {
    const dir = await root();
    const { calls, set } = counted(undefined);
    await generate(dir, set);
    await writeFile(join(dir, "src/handlers.ts"), "a()\nb()\n// mine\n");
    await planFileSets(dir, [set]);
    await planFileSets(dir, [set]);
    expect(calls.count).toBe(2);
  });

  it("recognizes an identical run only while every file is as that run left it", async () => {
    const dir = await root();
    const { set } = counted("k");
    const input = runInput("/specs/a.yaml", "spec text", ["services"]);
    const plan = await generate(dir, set, input);
    expect(await reusePreviousRun(dir, input)).toEqual({ notes: [], count: plan.changes.length });
    expect(await reusePreviousRun(dir, runInput("/specs/a.yaml", "spec text 2", ["services"]))).toBeUndefined();
    expect(await reusePreviousRun(dir, runInput("/specs/a.yaml", "spec text", ["services", "docs"]))).toBeUndefined();

    const touch = async (path: string, text: string | undefined) => {
      const before = await readFile(join(dir, path), "utf8");
      if (text === undefined) await rm(join(dir, path));
      else await writeFile(join(dir, path), text);
      const reused = await reusePreviousRun(dir, input);
      await writeFile(join(dir, path), before);
      return reused;
    };
    expect(await touch("gen/types.ts", "// edited\n")).toBeUndefined();
    expect(await touch("gen/types.ts", undefined)).toBeUndefined();
    expect(await touch("src/handlers.ts", "a()\n")).toBeUndefined();
    expect(await touch("src/main.ts", undefined)).toBeUndefined();
    expect(await touch(".gitattributes", "*.png binary\n")).toBeUndefined();
    expect(await touch(".archkit/manifest.json", "{}\n")).toBeUndefined();
    expect(await touch("src/main.ts", "main() // mine\n")).toBeDefined();
    expect(await reusePreviousRun(dir, input)).toBeDefined();
  });

  it("counts what a rerun lists, not the files the run deleted", async () => {
    const dir = await root();
    const docs = (...names: string[]): FileSet => ({
      target: "docs",
      files: names.map((n) => ({ kind: "owned", path: `docs/${n}`, content: `${n}\n` })),
    });
    await generate(dir, docs("a.md", "b.md"));
    const input = runInput("/a.yaml", "x", ["docs"]);
    expect((await generate(dir, docs("a.md"), input)).changes.map((c) => c.kind)).toContain("delete");
    const rerun = await planFileSets(dir, [docs("a.md")]);
    expect(rerun.changes.every((c) => c.kind === "unchanged")).toBe(true);
    expect(await reusePreviousRun(dir, input)).toEqual({ notes: [], count: rerun.changes.length });
  });

  it("replays the notes an identical run would give, not the ones of changes already made", async () => {
    const dir = await root();
    const { set } = counted("k");
    await generate(dir, set);
    await writeFile(join(dir, "src/handlers.ts"), "old()\n");
    const input = runInput("/a.yaml", "x", ["services"]);
    expect((await generate(dir, set, input)).notes).toEqual(["old() has no endpoint", "added b"]);
    expect(await reusePreviousRun(dir, input)).toMatchObject({ notes: ["old() has no endpoint"] });
  });

  it("remembers no run without an input or with conflicts, and ignores another archkit's cache", async () => {
    const dir = await root();
    const { set } = counted("k");
    await generate(dir, set);
    expect(await reusePreviousRun(dir, runInput("/a.yaml", "x", ["services"]))).toBeUndefined();
    expect(await readFile(join(dir, ".archkit/.gitignore"), "utf8")).toBe(
      "cache.json\ndev.json\ndev.log\ndev-secret\ndev-ports.json\n",
    );

    const input = runInput("/a.yaml", "x", ["docs"]);
    await writeFile(join(dir, "docs.md"), "the user's\n");
    await generate(dir, { target: "docs", files: [{ kind: "owned", path: "docs.md", content: "generated\n" }] }, input);
    expect(await reusePreviousRun(dir, input)).toBeUndefined();

    const cache = JSON.parse(await readFile(join(dir, CACHE_PATH), "utf8")) as { archkit: string };
    await writeFile(join(dir, CACHE_PATH), JSON.stringify({ ...cache, archkit: "another" }));
    expect((await readCache(dir)).merges).toEqual({});
  });
});
