import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FileSet, HistoryFolder } from "../../src/generators/fileset.js";
import { applyPlan, planFileSets } from "../../src/generators/writer.js";
import { tempDir } from "../cli/helpers.js";

const DIR = "services/orders/migrations/ordersDb";

/** A folder that gains `0001_a.sql`, then one more file per call, and rewrites its snapshot. */
const folder: HistoryFolder = {
  path: DIR,
  rewritable: ["schema.json"],
  evolve: (existing) => {
    const next = [...existing.keys()].filter((n) => n.endsWith(".sql")).length + 1;
    return [
      { name: `000${next}_step.sql`, content: `select ${next};\n` },
      { name: "schema.json", content: `{"version":${next}}\n` },
    ];
  },
};

const set = (histories: HistoryFolder[]): FileSet => ({ target: "services", files: [], histories });

describe("history folders in the writer", () => {
  it("adds files, keeps hand edits, records hashes, and never deletes a migration as stale", async () => {
    const root = await tempDir();
    await applyPlan(await planFileSets(root, [set([folder])]));
    await writeFile(join(root, DIR, "0001_step.sql"), "select 1; -- edited\n");
    const second = await planFileSets(root, [set([folder])]);
    expect(second.changes.filter((c) => c.kind !== "unchanged").map((c) => `${c.kind} ${c.path}`)).toEqual([
      `update .archkit/manifest.json`,
      `update .gitattributes`,
      `create ${DIR}/0002_step.sql`,
      `update ${DIR}/schema.json`,
    ]);
    await applyPlan(second);
    expect(await readFile(join(root, DIR, "0001_step.sql"), "utf8")).toBe("select 1; -- edited\n");
    const manifest = JSON.parse(await readFile(join(root, ".archkit/manifest.json"), "utf8"));
    expect(Object.keys(manifest.files).sort()).toEqual([
      `${DIR}/0001_step.sql`,
      `${DIR}/0002_step.sql`,
      `${DIR}/schema.json`,
    ]);

    const without = await planFileSets(root, [set([])]);
    expect(without.changes.filter((c) => c.kind === "delete")).toEqual([]);
    expect(without.notes).toContain(
      `${DIR}/0002_step.sql belongs to a store the service no longer uses; migrations are kept, delete it yourself`,
    );
  });
});
