import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSpec, memoryReader, type CompileResult, type Diagnostic } from "../../src/model/index.js";
import { entryCounts, splitSpec, type Layout, type Split } from "./shop-split.js";

const SHOP = readFileSync(new URL("../../architecture.yaml", import.meta.url), "utf8");
const COUNTS = entryCounts(SHOP);

/** A damaged shop, so that the comparison covers errors in every stage too. */
const BROKEN_SHOP = SHOP.replace("entry: orders.placeOrder", "entry: orders.placeOrdr")
  .replace("method: POST", "methd: POST")
  .replace(/retention: 7d/, "retention: 7 days");

function compileSplit(text: string, split: Split): { result: CompileResult; files: Record<string, string> } {
  const files = splitSpec(text, split);
  return { result: compileSpec(files["architecture.yaml"]!, "architecture.yaml", memoryReader(files)), files };
}

/** A diagnostic without its file and position, plus the source line it points at (which must not change). */
function comparable(d: Diagnostic, files: Readonly<Record<string, string>>): string {
  const line = (files[d.file] ?? "").split("\n")[d.line - 1]?.trim();
  return JSON.stringify([d.code, d.severity, d.message, d.hint ?? null, d.length ?? null, line]);
}

const split: fc.Arbitrary<Split> = fc.integer({ min: 1, max: 5 }).chain((parts) =>
  fc.record({
    parts: fc.constant(parts),
    layout: fc.constantFrom<Layout>("flat", "chain", "pattern"),
    owners: fc.tuple(
      ...COUNTS.map((count) =>
        fc
          .array(fc.integer({ min: 0, max: parts }), { minLength: count, maxLength: count })
          .map((owners) => [...owners].sort((a, b) => a - b)),
      ),
    ),
  }),
);

describe("the shop split over random part files", () => {
  it.each([
    ["the shop", SHOP],
    ["a broken shop", BROKEN_SHOP],
  ])("%s: gives the same model and the same diagnostics as one file", (_name, text) => {
    const single = compileSpec(text, "architecture.yaml");
    const want = single.diagnostics.map((d) => comparable(d, { "architecture.yaml": text })).sort();
    fc.assert(
      fc.property(split, (s) => {
        const { result, files } = compileSplit(text, s);
        expect(result.model).toEqual(single.model);
        expect(result.ok).toBe(single.ok);
        expect(result.diagnostics.map((d) => comparable(d, files)).sort()).toEqual(want);
        expect(result.raw?.files.map((f) => f.file).sort()).toEqual(Object.keys(files).sort());
      }),
      { numRuns: 20 },
    );
  });

  it("the broken shop has errors from several stages to compare", () => {
    const codes = new Set(compileSpec(BROKEN_SHOP, "architecture.yaml").diagnostics.map((d) => d.code));
    expect([...codes].sort()).toEqual(expect.arrayContaining(["AK010", "AK014", "AK101"]));
  });

  it("puts every entry in the file the split chose", () => {
    const owners = COUNTS.map((count) => Array.from({ length: count }, (_, i) => (i === count - 1 ? 2 : 0)));
    const { result, files } = compileSplit(SHOP, { parts: 2, layout: "flat", owners });
    expect(Object.keys(files)).toEqual(["architecture.yaml", "parts/part-01.yaml", "parts/part-02.yaml"]);
    expect(files["parts/part-01.yaml"]).toBe("\n");
    expect(files["parts/part-02.yaml"]).toContain("SLO: Service Level Objective");
    expect(files["architecture.yaml"]).not.toContain("SLO: Service Level Objective");
    expect(result.ok).toBe(true);
  });
});
