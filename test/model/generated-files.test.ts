import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderRulesDoc, RULES, specJsonSchema, specJsonSchemaText } from "../../src/model/index.js";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("files generated from the sources are current (run `npm run schema` when this fails)", () => {
  it("schema/architecture.schema.json", () => {
    expect(read("schema/architecture.schema.json")).toBe(specJsonSchemaText());
  });

  it("docs/rules.md lists every rule code", () => {
    const doc = read("docs/rules.md");
    expect(doc).toBe(renderRulesDoc());
    for (const rule of Object.values(RULES)) expect(doc).toContain(`| ${rule.code} | \`${rule.name}\` |`);
  });
});

describe("the editor JSON Schema", () => {
  const validate = new Ajv2020({ strict: false }).compile(specJsonSchema());

  it("accepts the example shop", () => {
    expect(validate(parse(read("architecture.yaml"))), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["a misspelled key", (s: Record<string, unknown>) => ((s.system as Record<string, unknown>).titel = "x")],
    [
      "a bad duration",
      (s: Record<string, unknown>) => ((s.quality as { latency: Record<string, unknown> }).latency.p95 = "fast"),
    ],
    [
      "an unknown store kind",
      (s: Record<string, unknown>) => ((s.stores as Record<string, Record<string, unknown>>).cache!.kind = "memcache"),
    ],
  ])("rejects %s, as validate does", (_name, damage) => {
    const spec = parse(read("architecture.yaml")) as Record<string, unknown>;
    damage(spec);
    expect(validate(spec)).toBe(false);
  });
});

describe("rule codes", () => {
  it("are unique and stable in form", () => {
    const codes = Object.values(RULES).map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^AK\d{3}$/);
  });
});
