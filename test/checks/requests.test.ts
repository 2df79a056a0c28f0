import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  invalidRequest,
  requestProblems,
  sampleSchema,
  samplePattern,
  sampleUse,
  stableUuid,
  validRequest,
  valueProblems,
} from "../../src/checks/requests/index.js";
import { compileFile, compileSpec, type Model } from "../../src/model/index.js";
import { ROOT } from "../cli/helpers.js";

const SPECS = [
  "architecture.yaml",
  "test/generators/docs/fixtures/library.yaml",
  "test/generators/docs/fixtures/minimal.yaml",
  "test/generators/tests/fixtures/store/architecture.yaml",
];

async function load(file: string): Promise<Model> {
  const result = await compileFile(join(ROOT, file));
  if (!result.model) throw new Error(`${file} does not compile`);
  return result.model;
}

describe("requests built from the spec", () => {
  it.each(SPECS)(
    "%s: every endpoint gets a request its service accepts, and a broken one it refuses at the named field",
    async (file) => {
      const model = await load(file);
      for (const endpoint of model.services.flatMap((s) => s.endpoints)) {
        const valid = validRequest(model, endpoint);
        expect(valid.kind, `${endpoint.id}: ${valid.kind === "unsupported" ? valid.reason : ""}`).toBe("ok");
        if (valid.kind !== "ok") continue;
        expect(requestProblems(model, endpoint, valid.request), endpoint.id).toEqual([]);
        const invalid = invalidRequest(model, endpoint, valid.request);
        if (invalid.kind === "none") continue;
        const problems = requestProblems(model, endpoint, invalid.request);
        expect(
          problems.some((p) => p.startsWith(invalid.pointer)),
          `${endpoint.id}: ${invalid.pointer} not in ${problems.join("; ")}`,
        ).toBe(true);
      }
    },
  );

  it("uses a flow's example for its entry and builds the same request on every run", async () => {
    const model = await load("architecture.yaml");
    const placeOrder = model.services.flatMap((s) => s.endpoints).find((e) => e.id === "orders.placeOrder")!;
    const built = validRequest(model, placeOrder);
    expect(built).toMatchObject({ kind: "ok", source: { kind: "example", flow: "orderProcessing" } });
    const getOrder = model.services.flatMap((s) => s.endpoints).find((e) => e.id === "orders.getOrder")!;
    expect(validRequest(model, getOrder)).toEqual(validRequest(await load("architecture.yaml"), getOrder));
  });

  it("gives every event of the shop an example its schema accepts, all speaking of one entity when asked", async () => {
    const model = await load("architecture.yaml");
    const uuid = stableUuid("shop/events");
    for (const event of model.events) {
      const sampled = sampleUse(model, event.schema, `event/${event.id}`, { uuid });
      expect(sampled.kind, event.id).toBe("ok");
      if (sampled.kind === "ok")
        expect(
          JSON.stringify(sampled.value)
            .match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)
            ?.every((id) => id === uuid),
        ).toBe(true);
    }
  });

  it("says why when no valid value can be built", () => {
    const { model } = compileSpec(
      `archkit: 1
system: { name: odd, title: Odd }
services:
  a:
    endpoints:
      b: { method: POST, path: /b, request: { body: Odd }, responses: { 204: ~ } }
schemas:
  Odd: { type: object, required: [code], properties: { code: { type: string, pattern: "^(?=x)" } } }
`,
      "odd.yaml",
    );
    const endpoint = model!.services[0]!.endpoints[0]!;
    const built = validRequest(model!, endpoint);
    expect(built).toEqual({
      kind: "unsupported",
      reason: "pattern ^(?=x): lookaround or named group at a.b/body/code; give the schema an `examples` entry",
    });
  });
});

describe("the pattern sampler", () => {
  it.each([
    ["^[A-Z]{3}$", "AAA"],
    ["^\\+[1-9][0-9]{6,14}$", "+1000000"],
    ["^(ab|cd)-\\d+$", "ab-0"],
    ["^[a-z0-9_-]+(\\.[a-z]{2,})?$", "a"],
    ["v\\d+\\.\\d+", "v0.0"],
  ])("%s gives %s", (pattern, expected) => {
    expect(samplePattern(pattern)).toEqual({ kind: "ok", value: expected });
    expect(new RegExp(pattern).test(expected)).toBe(true);
  });

  it("refuses what it cannot follow", () => {
    expect(samplePattern("^[^a]$")).toEqual({ kind: "unsupported", reason: "pattern ^[^a]$: negated character class" });
    expect(samplePattern("(a)\\1")).toMatchObject({ kind: "unsupported" });
  });
});

describe("the schema sampler", () => {
  const scalar = fc.oneof(
    fc.record(
      {
        type: fc.constant("string"),
        minLength: fc.integer({ min: 0, max: 20 }),
        maxLength: fc.integer({ min: 20, max: 40 }),
      },
      { requiredKeys: ["type"] },
    ),
    fc.record({
      type: fc.constant("string"),
      format: fc.constantFrom("uuid", "email", "date", "date-time", "uri", "ipv4", "hostname"),
    }),
    fc.record({ type: fc.constant("string"), pattern: fc.constantFrom("^[A-Z]{2}$", "^\\d{3}-\\d{4}$", "^(x|y)+z?$") }),
    fc.record(
      {
        type: fc.constant("integer"),
        minimum: fc.integer({ min: -50, max: 50 }),
        multipleOf: fc.constantFrom(undefined, 2, 5),
      },
      { requiredKeys: ["type"] },
    ),
    fc.record(
      { type: fc.constant("number"), exclusiveMinimum: fc.integer({ min: -5, max: 5 }) },
      { requiredKeys: ["type"] },
    ),
    fc.record({ enum: fc.array(fc.string(), { minLength: 1, maxLength: 3 }) }),
    fc.constant({ type: "boolean" }),
  );
  const schema = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, scalar, tie("object"), tie("array")),
    object: fc
      .dictionary(fc.stringMatching(/^[a-z]{1,6}$/), tie("node"), { maxKeys: 4 })
      .chain((properties) =>
        fc
          .subarray(Object.keys(properties))
          .map((required) => ({ type: "object", additionalProperties: false, properties, required })),
      ),
    array: fc.record({ type: fc.constant("array"), items: tie("node"), minItems: fc.integer({ min: 0, max: 3 }) }),
  })).node;

  it("builds values the schema accepts, the same for the same seed", () => {
    const { model } = compileSpec("archkit: 1\nsystem: { name: s, title: S }\nservices: { a: {} }\n", "s.yaml");
    fc.assert(
      fc.property(schema, fc.string(), (node, seed) => {
        const first = sampleSchema(node as Record<string, unknown>, seed, new Map());
        expect(first.kind).toBe("ok");
        if (first.kind !== "ok") return;
        expect(
          valueProblems(model!, { kind: "inline", schema: node as Record<string, unknown>, source: [] }, first.value),
        ).toEqual([]);
        expect(sampleSchema(node as Record<string, unknown>, seed, new Map())).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });
});
