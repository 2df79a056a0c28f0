import { describe, expect, it } from "vitest";
import { schemaToType } from "../../../src/generators/services/ts-types.js";

const naming = { ref: (name: string) => `Schemas.${name}` };

describe("schemaToType", () => {
  it.each([
    ["string", { type: "string" }, "string"],
    ["integer", { type: "integer" }, "number"],
    ["nullable list", { type: ["string", "null"] }, "string | null"],
    ["enum", { enum: ["a", "b"] }, '"a" | "b"'],
    ["const", { const: 3 }, "3"],
    ["ref", { $ref: "Order" }, "Schemas.Order"],
    ["array of refs", { type: "array", items: { $ref: "Order" } }, "Schemas.Order[]"],
    [
      "array of a union",
      { type: "array", items: { oneOf: [{ type: "string" }, { type: "number" }] } },
      "(string | number)[]",
    ],
    [
      "tuple",
      { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: false },
      "[string, number]",
    ],
    ["allOf", { allOf: [{ $ref: "A" }, { $ref: "B" }] }, "Schemas.A & Schemas.B"],
    ["free object", { type: "object" }, "Record<string, unknown>"],
    ["map", { type: "object", additionalProperties: { type: "number" } }, "{\n  [key: string]: number;\n}"],
    ["empty closed object", { type: "object", additionalProperties: false }, "Record<string, never>"],
    ["no type", {}, "unknown"],
  ])("%s", (_name, schema, want) => expect(schemaToType(schema, naming)).toBe(want));

  it("objects mark optional members, quote odd keys and carry descriptions", () => {
    const schema = {
      type: "object",
      required: ["id"],
      additionalProperties: false,
      properties: {
        id: { type: "string", description: "Order id" },
        "x-trace": { type: "string" },
        items: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } },
      },
    };
    expect(schemaToType(schema, naming)).toBe(
      [
        "{",
        "  /** Order id */",
        "  id: string;",
        '  "x-trace"?: string;',
        "  items?: {",
        "    sku?: string;",
        "  }[];",
        "}",
      ].join("\n"),
    );
  });
});
