import { describe, expect, it } from "vitest";
import {
  compileSpec,
  memoryReader,
  parseSpec,
  resolveIncludes,
  RULES,
  type CompileResult,
  type Diagnostic,
} from "../../src/model/index.js";
import { INCLUDE_ACCEPTS, INCLUDE_CODES, INCLUDE_REPORTS, root, text, type Files } from "./include-rows.js";

const RULE_BY_CODE = new Map(Object.values(RULES).map((r) => [r.code as string, r]));

function compile(files: Files): CompileResult {
  let result: CompileResult | undefined;
  expect(() => {
    result = compileSpec(files["architecture.yaml"]!, "architecture.yaml", memoryReader(files));
  }).not.toThrow();
  return result!;
}

function show(diagnostics: readonly Diagnostic[]): string {
  return (
    diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message} (${d.hint ?? ""})`).join("\n") ||
    "(no diagnostics)"
  );
}

describe("a spec split over several files reports", () => {
  it.each(INCLUDE_REPORTS.map((row) => [`${row.code} ${row.name}`, row] as const))("%s", (_name, row) => {
    const { diagnostics, ok } = compile(row.files);
    const found = diagnostics.find(
      (d) => d.code === row.code && d.file === row.file && d.line === row.line && d.column === row.column,
    );
    expect(found, `${row.code} at ${row.file}:${row.line}:${row.column} in\n${show(diagnostics)}`).toBeDefined();
    const rule = RULE_BY_CODE.get(row.code)!;
    expect(found!.rule).toBe(rule.name);
    expect(found!.severity).toBe(rule.severity);
    expect(ok).toBe(false);
    if (row.message !== undefined) expect(found!.message).toBe(row.message);
    if (row.hint !== undefined) expect(found!.hint).toBe(row.hint);
    expect(diagnostics.filter((d) => d.code === RULES.internalRuleError.code)).toEqual([]);
  });

  it("every include code has a row", () => {
    const covered = new Set(INCLUDE_REPORTS.map((r) => r.code));
    expect(INCLUDE_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe("a spec split over several files accepts", () => {
  it.each(INCLUDE_ACCEPTS.map((row) => [row.name, row] as const))("%s", (_name, row) => {
    const result = compile(row.files);
    expect(result.diagnostics, show(result.diagnostics)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.raw?.files.map((f) => f.file)).toEqual(row.read);
    for (const f of result.raw!.files) expect(f.text).toBe(row.files[f.file]);
  });

  it("entries in reading order: the root's, then each included file's", () => {
    const files = {
      "architecture.yaml": root("[b.yaml, a.yaml]"),
      "a.yaml": text("services:", "  alpha: {}"),
      "b.yaml": text("services:", "  beta: {}"),
    };
    expect(compile(files).model?.services.map((s) => s.id)).toEqual(["orders", "beta", "alpha"]);
  });

  it("services only in included files", () => {
    const files = {
      "architecture.yaml": text("archkit: 1", "system: { name: shop, title: Shop }", "include: [a.yaml]"),
      "a.yaml": text("services:", "  stock:", "    endpoints:", "      reserve: { method: POST, path: /r }"),
    };
    const result = compile(files);
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.file).toBe("architecture.yaml");
  });
});

describe("a spec without include", () => {
  it("is loaded as it was parsed", () => {
    const loaded = parseSpec(root("[]").replace("include: []\n", ""), "architecture.yaml");
    expect(resolveIncludes(loaded, memoryReader({}))).toBe(loaded);
    expect(loaded.raw?.files).toEqual([{ file: "architecture.yaml", text: loaded.raw?.text }]);
  });
});
