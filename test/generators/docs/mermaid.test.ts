import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, openMermaidRenderer, type MermaidRenderer } from "./mermaid-render.js";
import { docs, ROOT, skipReason, SPEC_NAMES, UPDATE } from "./specs.js";

const skip = skipReason(chromiumMissing());

/** Diagrams in .mmd files and the Mermaid blocks embedded in the Markdown, per spec. */
async function diagrams(): Promise<{ name: string; source: string }[]> {
  const all: { name: string; source: string }[] = [];
  for (const spec of SPEC_NAMES) {
    const set = await docs(spec);
    for (const f of set.files.filter((f) => f.path.endsWith(".mmd")))
      all.push({ name: `${spec}:${f.path}`, source: f.content });
    const md = set.files.find((f) => f.path === "docs/architecture.md")!.content;
    const blocks = [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const files = new Set(
      set.files.filter((f) => f.path.endsWith(".mmd")).map((f) => f.content.slice(f.content.indexOf("\n") + 1)),
    );
    blocks.forEach((block, i) =>
      expect(files.has(block), `${spec}: embedded diagram ${i} matches its .mmd file`).toBe(true),
    );
  }
  return all;
}

if (skip) console.warn(`skipped mermaid-cli rendering: ${skip}`);

describe.skipIf(skip !== undefined)(`mermaid-cli renders every diagram${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let renderer: MermaidRenderer;
  beforeAll(async () => {
    renderer = await openMermaidRenderer();
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it("rejects a syntax error, so a pass means something", async () => {
    await expect(renderer.render('flowchart LR\n  a["x"] --> b[(]\n', "svg")).rejects.toThrow(/Parse error/);
  });

  it("of the shop, the library and the minimal spec, in headless Chromium, without a syntax error", {
    timeout: 300_000,
  }, async () => {
    const list = await diagrams();
    expect(list.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const d of list) {
      try {
        const svg = new TextDecoder().decode(await renderer.render(d.source, "svg"));
        if (!svg.includes("<svg") || /Syntax error/i.test(svg)) failures.push(`${d.name}: no diagram in the output`);
      } catch (error) {
        failures.push(`${d.name}: ${String(error).split("\n").slice(0, 3).join(" ")}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.runIf(UPDATE)(
    "writes the container diagram of the shop as a PNG for the README",
    { timeout: 60_000 },
    async () => {
      const source = (await docs("shop")).files.find(
        (f) => f.path === "docs/diagrams/containers-overview.mmd",
      )!.content;
      mkdirSync(`${ROOT}docs/example/images`, { recursive: true });
      writeFileSync(`${ROOT}docs/example/images/containers.png`, await renderer.render(source, "png"));
    },
  );
});
