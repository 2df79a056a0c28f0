import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSpec, type JsonSchema, type Model, RULES, runtimeAjv } from "../../../src/model/index.js";
import { compileValidators as compilePayloadValidators } from "../../../src/runtime/events/validation.js";
import { compileValidators } from "../../../src/runtime/service/validation.js";

const MONEY: JsonSchema = {
  type: "object",
  required: ["amount", "currency"],
  properties: { amount: { type: "number", minimum: 0 }, currency: { type: "string", pattern: "^[A-Z]{3}$" } },
};

const THING: JsonSchema = {
  type: "object",
  required: ["id", "price"],
  properties: {
    id: { type: "string", format: "uuid" },
    email: { type: "string", format: "email" },
    at: { type: "string", format: "date-time" },
    price: { $ref: "Money" },
    size: { type: ["integer", "string"] },
    tag: { oneOf: [{ type: "string", maxLength: 3 }, { type: "integer" }] },
  },
  allOf: [{ properties: { note: { type: "string" } } }],
  unevaluatedProperties: false,
};

/** One service whose endpoint takes `Thing` as its body and publishes `ThingChanged`, whose payload is `Thing`. */
function specText(thing: unknown, body: unknown = "Thing"): string {
  return JSON.stringify({
    archkit: 1,
    system: { name: "parity", title: "Parity" },
    services: {
      things: {
        endpoints: {
          putThing: {
            method: "POST",
            path: "/things",
            request: { body },
            responses: { 204: null },
            publishes: ["ThingChanged"],
          },
        },
        consumes: { ThingChanged: { handler: "onThingChanged", deadLetter: true } },
      },
    },
    events: { ThingChanged: { schema: "Thing", key: "id" } },
    schemas: { Money: MONEY, Thing: thing },
  });
}

function modelOf(thing: unknown, body?: unknown): { model: Model; schemaErrors: string[] } {
  const result = compileSpec(specText(thing, body), "parity.yaml");
  if (!result.model) throw new Error(`no model: ${JSON.stringify(result.diagnostics)}`);
  const schemaErrors = result.diagnostics
    .filter((d) => d.severity === "error" && d.code === RULES.invalidJsonSchema.code)
    .map((d) => `${d.code} ${d.message}`);
  return { model: result.model, schemaErrors };
}

function validators(model: Model) {
  const endpoint = model.services[0]!.endpoints[0]!;
  const body = compileValidators(endpoint, runtimeAjv(model)).body!;
  const payload = compilePayloadValidators(model, model.events).get("ThingChanged")!;
  return {
    body: (value: unknown) => body(structuredClone(value)),
    event: (value: unknown) => payload.check(structuredClone(value)).length === 0,
  };
}

const ID = "7f1c7d4e-4c4b-4a7e-9d6f-0d3e7c1b2a90";
const PRICE = { amount: 12.5, currency: "EUR" };

const VALUES: readonly { readonly name: string; readonly value: unknown; readonly valid: boolean }[] = [
  { name: "the smallest thing", value: { id: ID, price: PRICE }, valid: true },
  {
    name: "every field",
    value: { id: ID, price: PRICE, email: "a@b.example", at: "2024-05-01T10:00:00Z", size: 3, tag: "ab", note: "n" },
    valid: true,
  },
  { name: "a union type, the other branch", value: { id: ID, price: PRICE, size: "XL" }, valid: true },
  { name: "oneOf, the integer branch", value: { id: ID, price: PRICE, tag: 7 }, valid: true },
  { name: "oneOf, no branch", value: { id: ID, price: PRICE, tag: "abcd" }, valid: false },
  { name: "a bad uuid", value: { id: "42", price: PRICE }, valid: false },
  { name: "a bad email", value: { id: ID, price: PRICE, email: "nobody" }, valid: false },
  { name: "a bad date-time", value: { id: ID, price: PRICE, at: "yesterday" }, valid: false },
  { name: "the named schema broken", value: { id: ID, price: { amount: 1, currency: "euro" } }, valid: false },
  { name: "the named schema incomplete", value: { id: ID, price: { amount: 1 } }, valid: false },
  { name: "a property allOf declares", value: { id: ID, price: PRICE, note: 1 }, valid: false },
  { name: "an unevaluated property", value: { id: ID, price: PRICE, colour: "red" }, valid: false },
  { name: "a union type, neither", value: { id: ID, price: PRICE, size: 1.5 }, valid: false },
  { name: "not an object", value: [ID], valid: false },
];

describe("one ajv configuration: a request body and an event payload with the same schema", () => {
  const { model, schemaErrors } = modelOf(THING);
  const check = validators(model);

  it("the spec is valid", () => {
    expect(schemaErrors).toEqual([]);
  });

  it.each(VALUES)("$name: valid is $valid for both", ({ value, valid }) => {
    expect({ body: check.body(value), event: check.event(value) }).toEqual({ body: valid, event: valid });
  });

  it("agree on arbitrary values", () => {
    const thing = fc.record(
      {
        id: fc.oneof(fc.uuid(), fc.string()),
        price: fc.oneof(fc.constant(PRICE), fc.jsonValue()),
        email: fc.oneof(fc.emailAddress(), fc.string()),
        at: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
        size: fc.oneof(fc.integer(), fc.string(), fc.double()),
        tag: fc.jsonValue(),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(thing, fc.jsonValue()), (value) => check.body(value) === check.event(value)),
      { numRuns: 500 },
    );
  });
});

/** Whether the runtime can build the service's validators and the event bus's payload validators. */
function runtimeCompiles(model: Model): boolean {
  try {
    validators(model);
    return true;
  } catch {
    return false;
  }
}

const SCHEMAS: readonly { readonly name: string; readonly compiles: boolean; readonly schema: unknown }[] = [
  { name: "an x- annotation", compiles: true, schema: { ...THING, "x-owner": "catalog-team" } },
  { name: "an example", compiles: true, schema: { ...THING, example: { id: ID, price: PRICE } } },
  { name: "properties without a type", compiles: true, schema: { properties: { id: { type: "string" } } } },
  { name: "required names no property", compiles: true, schema: { type: "object", required: ["id"] } },
  {
    name: "a default on a property",
    compiles: true,
    schema: { type: "object", properties: { n: { type: "integer", default: 1 } } },
  },
  {
    name: "an unknown format",
    compiles: false,
    schema: { type: "object", properties: { p: { type: "string", format: "postcode" } } },
  },
  { name: "a pattern that is no regular expression", compiles: false, schema: { type: "string", pattern: "([" } },
  {
    name: "a pointer to nothing",
    compiles: false,
    schema: { type: "object", properties: { p: { $ref: "#/$defs/missing" } } },
  },
  {
    name: "a default inside oneOf",
    compiles: false,
    schema: { oneOf: [{ type: "object", properties: { n: { default: 1 } } }] },
  },
  { name: "a default at the root of a schema used by name", compiles: true, schema: { type: "object", default: {} } },
  { name: "if without then or else", compiles: false, schema: { type: "object", if: { required: ["a"] } } },
  { name: "a misspelled keyword", compiles: false, schema: { type: "string", minLenght: 3 } },
];

describe("archkit validate refuses exactly the schemas the runtime cannot compile", () => {
  it.each(SCHEMAS)("$name: compiles is $compiles", ({ schema, compiles }) => {
    const { model, schemaErrors } = modelOf(schema);
    expect(runtimeCompiles(model)).toBe(compiles);
    expect(schemaErrors.length === 0).toBe(compiles);
  });

  it("reports a refused schema on every validation, not only the first (compile outcomes are kept between runs)", () => {
    const schema = { type: "object", properties: { p: { type: "string", format: "postcode" } } };
    const first = modelOf(schema).schemaErrors;
    expect(first).toEqual([expect.stringContaining('unknown format "postcode"')]);
    expect(modelOf(schema).schemaErrors).toEqual(first);
    expect(modelOf({ type: "object", properties: { p: { type: "string" } } }).schemaErrors).toEqual([]);
  });

  it("an inline body with a default at its root: compiles is false", () => {
    const { model, schemaErrors } = modelOf(THING, { type: "object", default: {} });
    expect(runtimeCompiles(model)).toBe(false);
    expect(schemaErrors).toEqual([expect.stringContaining("default is ignored in the schema root")]);
  });
});
