import { describe, expect, it } from "vitest";
import { compileSpec } from "../../src/model/index.js";

const BASE = "archkit: 1\nsystem: { name: shop, title: Shop }\nservices:\n  orders: { stores: [sessions] }\n";

function diagnose(text: string) {
  return compileSpec(text, "spec.yaml").diagnostics.map((d) => ({
    code: d.code,
    at: `${d.line}:${d.column}`,
    message: d.message,
    hint: d.hint,
  }));
}

describe("messages a user can act on", () => {
  it("suggests keys of the store kind actually written, not of every kind", () => {
    const [d] = diagnose(`${BASE}stores:\n  sessions: { kind: cache, tabels: {} }\n`);
    expect(d).toMatchObject({ code: "AK010", at: "6:28" });
    expect(d!.hint).not.toContain("tables");
  });

  it("a missing `archkit:` says to add it", () => {
    const [d] = diagnose("system: { name: shop, title: Shop }\nservices: {}\n");
    expect(d).toMatchObject({
      code: "AK003",
      message: "the spec is missing the required key `archkit`",
      hint: "add `archkit: 1` as the first line of the spec",
    });
  });

  it("an empty value points at its key", () => {
    expect(diagnose("archkit: 1\nsystem: { name: shop, title: Shop }\nservices:\n")).toEqual([
      expect.objectContaining({ code: "AK012", at: "3:1" }),
    ]);
  });

  it("an unknown initial state is not followed by an unreachable-state warning for every state", () => {
    const codes = diagnose(
      `${BASE}stateMachines:\n  Order: { initial: nope, states: [a, b], transitions: [{ from: a, to: b, on: go }] }\n`,
    ).map((d) => d.code);
    expect(codes).toContain("AK109");
    expect(codes).not.toContain("AK110");
  });

  it.each([
    ["quality latency", "quality: { latency: { p95: 300ms, p99: 200ms } }\n", "5:28"],
    ["a flow's slo", "flows:\n  f: { title: F, entry: orders.a, slo: { p95: 2s, p99: 1s } }\n", "6:47"],
  ])("p95 above p99 is caught in %s", (_name, extra, at) => {
    const spec = `${BASE.replace("orders: { stores: [sessions] }", "orders: { endpoints: { a: { method: GET, path: /a } } }")}${extra}`;
    expect(diagnose(spec)).toContainEqual(expect.objectContaining({ code: "AK118", at }));
  });

  it("YAML errors point where a person looks: the unclosed quote", () => {
    expect(diagnose('archkit: 1\nsystem: { name: shop, title: "Shop }\nservices: {}\n')[0]).toMatchObject({
      code: "AK001",
      at: "2:30",
    });
  });
});
