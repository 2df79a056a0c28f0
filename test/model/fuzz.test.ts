import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { compileSpec } from "../../src/model/index.js";

const text = readFileSync(new URL("../../architecture.yaml", import.meta.url), "utf8");
const data = parse(text) as unknown;
const RUNS = Number(process.env.FUZZ_RUNS ?? 800);

type Path = (string | number)[];

function allPaths(node: unknown, path: Path = []): Path[] {
  if (node === null || typeof node !== "object") return [path];
  const children = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
  return [path, ...children.flatMap(([k, v]) => allPaths(v, [...path, k]))];
}

const paths = allPaths(data).filter((p) => p.length > 0);
const strings = paths
  .map((p) => p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], data))
  .filter((v): v is string => typeof v === "string");
const replacements = [
  null,
  0,
  -1,
  3.5,
  true,
  "",
  "x",
  "80 ms",
  [],
  [1, "a"],
  {},
  { unexpected: 1 },
  "services.nothing",
  "OrderCreatd",
];

function mutate(path: Path, op: number, pick: number): unknown {
  const copy = structuredClone(data);
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  switch (op) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 1:
      parent[key] = replacements[pick % replacements.length];
      break;
    case 2:
      parent[key] = strings[pick % strings.length];
      break;
    default:
      if (typeof parent[key] === "string") parent[key] = `${String(parent[key]).slice(0, -1)}${"xyz"[pick % 3]}`;
      else parent[`${String(key)}Typo`] = parent[key];
  }
  return copy;
}

describe("validate never throws", () => {
  it("on structural mutations of the example (deleted keys, swapped types, renamed references)", () => {
    fc.assert(
      fc.property(fc.nat(paths.length - 1), fc.nat(3), fc.nat(1000), (index, op, pick) => {
        const mutated = stringify(mutate(paths[index]!, op, pick));
        const result = compileSpec(mutated, "fuzz.yaml");
        expect(result.diagnostics.filter((d) => d.code === "AK199")).toEqual([]);
        for (const d of result.diagnostics) expect(d.line).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it("on damaged text (truncations, deleted lines, stray characters)", () => {
    const lines = text.split("\n");
    fc.assert(
      fc.property(
        fc.nat(text.length),
        fc.nat(2),
        fc.constantFrom("\t", ":", "{", "[", '"', "- ", "&a", "*a", "\n  x: "),
        (at, op, junk) => {
          const damaged =
            op === 0
              ? text.slice(0, at)
              : op === 1
                ? lines.filter((_, i) => i !== at % lines.length).join("\n")
                : `${text.slice(0, at)}${junk}${text.slice(at)}`;
          const result = compileSpec(damaged, "fuzz.yaml");
          expect(result.diagnostics.filter((d) => d.code === "AK199")).toEqual([]);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 600_000);
});
