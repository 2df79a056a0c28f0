import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildC4Site, findGraphviz, findJava } from "../../../src/docs-render/index.js";
import { docs, skipReason } from "./specs.js";

const missing = [findJava(process.env), findGraphviz(process.env)].find((t) => t.kind === "missing");
const skip = skipReason(missing?.kind === "missing" ? missing.message : undefined);
if (skip) console.warn(`skipped c4builder --render: ${skip}`);

/** What PlantUML draws in place of a diagram it cannot render. */
const PLANTUML_ERRORS = /Syntax Error|Fatal parsing error|Cannot find Graphviz|An error has occure?d|java\.lang\./;

describe.skipIf(skip !== undefined)(`docs --render with c4builder${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const root = mkdtempSync(join(tmpdir(), "archkit-render-c4-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("builds the library spec's project, whose titles carry quotes, #, <, > and &, without an error in any image", {
    timeout: 120_000,
  }, async () => {
    const project = (await docs("library")).files.filter((f) => f.path.startsWith("docs/c4/"));
    for (const f of project) {
      mkdirSync(dirname(join(root, f.path)), { recursive: true });
      writeFileSync(join(root, f.path), f.content);
    }
    const outcome = await buildC4Site(join(root, "docs"), { env: process.env, show: (p) => p.slice(root.length + 1) });
    expect(outcome).toMatchObject({
      kind: "done",
      renderer: "c4builder",
      summary: expect.stringMatching(/^site with 6 diagrams in \d+\.\d s → docs\/c4\/site$/),
    });
    const pumls = project.filter((f) => f.path.endsWith(".puml"));
    expect(pumls).toHaveLength(6);
    for (const puml of pumls) {
      const svg = readFileSync(
        join(root, puml.path.replace("docs/c4/src/", "docs/c4/site/").replace(/\.puml$/, ".svg")),
        "utf8",
      );
      expect(svg.includes("<svg"), `${puml.path} has an image`).toBe(true);
      expect(PLANTUML_ERRORS.exec(svg)?.[0], `${puml.path} renders without a PlantUML error`).toBeUndefined();
    }
    const context = readFileSync(join(root, "docs/c4/site/context.svg"), "utf8");
    expect(context).toContain("Mail &lt;relay&gt;");
    for (const f of project)
      expect(readFileSync(join(root, f.path), "utf8") === f.content, `${f.path} is untouched`).toBe(true);
    expect(readdirSync(join(root, "docs/c4")).sort()).toEqual([".c4builder", "site", "src"]);
  });
});
