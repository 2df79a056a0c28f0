import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser, MERMAID_CACHE_FILE, renderMermaidDiagrams } from "../../../src/docs-render/index.js";
import { docs, fileText, skipReason } from "./specs.js";

const browser = findBrowser(process.env);
const skip = skipReason(browser.kind === "missing" ? browser.message : undefined);
if (skip) console.warn(`skipped mermaid --render: ${skip}`);

/** Diagrams whose drawing has random parts unless seeded (ER boxes, deployment), and two plain ones. */
const PICKED = ["er-orders-db", "deployment", "state-order", "flow-order-processing"] as const;

describe.skipIf(skip !== undefined)(`docs --render with mermaid-cli${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const root = mkdtempSync(join(tmpdir(), "archkit-render-mermaid-"));
  const docsDir = join(root, "docs");
  const svgDir = join(docsDir, "diagrams", "svg");
  const options = { env: process.env, show: (p: string) => p.slice(root.length + 1) };
  const svgs = () =>
    Object.fromEntries(
      readdirSync(svgDir)
        .filter((f) => f.endsWith(".svg"))
        .map((f) => [f, readFileSync(join(svgDir, f), "utf8")]),
    );

  beforeAll(async () => {
    const set = await docs("shop");
    mkdirSync(join(docsDir, "diagrams"), { recursive: true });
    for (const name of PICKED)
      writeFileSync(join(docsDir, "diagrams", `${name}.mmd`), fileText(set, `docs/diagrams/${name}.mmd`));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("writes one SVG per diagram and gives the same bytes when drawn again from scratch", {
    timeout: 120_000,
  }, async () => {
    const first = await renderMermaidDiagrams(docsDir, options);
    expect(first).toMatchObject({
      kind: "done",
      renderer: "mermaid",
      summary: expect.stringMatching(/^4 diagrams in \d+\.\d s → docs\/diagrams\/svg$/),
    });
    const drawn = svgs();
    expect(Object.keys(drawn).sort()).toEqual(PICKED.map((n) => `${n}.svg`).sort());
    for (const [file, svg] of Object.entries(drawn)) {
      expect(/^<svg[^>]+id="diagram-/.test(svg), `${file} is an SVG with its own id`).toBe(true);
      expect(/Syntax error/i.test(svg), `${file} shows an error`).toBe(false);
    }
    expect(drawn["er-orders-db.svg"]?.includes("<p>orderTransitions</p>"), "the ER diagram names its tables").toBe(
      true,
    );
    unlinkSync(join(svgDir, MERMAID_CACHE_FILE));
    const second = await renderMermaidDiagrams(docsDir, options);
    expect(second.kind === "done" && second.summary).not.toContain("reused");
    const again = svgs();
    for (const [file, svg] of Object.entries(drawn))
      expect(again[file] === svg, `${file} is the same drawn twice`).toBe(true);
  });

  it("keeps the SVG of an unchanged diagram and draws only what changed", { timeout: 60_000 }, async () => {
    const before = svgs();
    const unchanged = await renderMermaidDiagrams(docsDir, options);
    expect(unchanged.kind === "done" && unchanged.summary).toMatch(/^4 diagrams \(4 unchanged, reused\) in /);
    const state = join(docsDir, "diagrams", "state-order.mmd");
    writeFileSync(state, readFileSync(state, "utf8").replace("stateDiagram-v2", "stateDiagram-v2\n  direction LR"));
    const changed = await renderMermaidDiagrams(docsDir, options);
    expect(changed.kind === "done" && changed.summary).toMatch(/^4 diagrams \(3 unchanged, reused\) in /);
    expect(svgs()["state-order.svg"] === before["state-order.svg"], "the changed diagram was drawn again").toBe(false);
    expect(svgs()["deployment.svg"] === before["deployment.svg"], "the unchanged diagram kept its SVG").toBe(true);
  });

  it("names a diagram mermaid cannot parse, writes the others and drops the SVG of a removed diagram", {
    timeout: 60_000,
  }, async () => {
    unlinkSync(join(docsDir, "diagrams", "flow-order-processing.mmd"));
    writeFileSync(join(docsDir, "diagrams", "broken.mmd"), 'flowchart LR\n  a["x"] --> b[(]\n');
    const outcome = await renderMermaidDiagrams(docsDir, options);
    expect(outcome).toMatchObject({
      kind: "failed",
      message: "1 of 4 diagrams did not render (the others are in docs/diagrams/svg)",
    });
    expect(outcome.kind === "failed" && outcome.details).toEqual([
      expect.stringMatching(/^docs\/diagrams\/broken\.mmd: .*Parse error on line 2/),
    ]);
    expect(Object.keys(svgs()).sort()).toEqual(["deployment.svg", "er-orders-db.svg", "state-order.svg"]);
    expect(existsSync(join(svgDir, "broken.svg"))).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(join(svgDir, MERMAID_CACHE_FILE), "utf8")).diagrams).sort()).toEqual([
      "deployment",
      "er-orders-db",
      "state-order",
    ]);
  });
});
