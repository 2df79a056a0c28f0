import type { JsonSchema, SchemaId, SchemaUse } from "../model.js";
import type { NamedSchema } from "../model-system.js";
import type { Path } from "../source.js";
import type { Resolver } from "./resolver.js";
import { namedRef } from "../schema-ref.js";

/** RFC 9457 problem details: the body of every error response. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: "object",
  description: "RFC 9457 problem details",
  required: ["title", "status"],
  properties: {
    type: { type: "string", format: "uri-reference" },
    title: { type: "string" },
    status: { type: "integer", minimum: 100, maximum: 599 },
    detail: { type: "string" },
    instance: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["pointer", "message"],
        properties: { pointer: { type: "string" }, message: { type: "string" } },
      },
    },
  },
};

/** A schema name or inline schema, with every `$ref: Name` inside an inline schema checked. */
export function schemaUse(r: Resolver, value: string | Record<string, unknown>, path: Path): SchemaUse {
  if (typeof value === "string") {
    r.resolve<SchemaId>("schema", value, path);
    return { kind: "named", name: value as SchemaId, source: path };
  }
  checkRefs(r, value, path);
  return { kind: "inline", schema: value, source: path };
}

export function normalizeSchemas(r: Resolver): NamedSchema[] {
  const declared = Object.entries(r.spec.schemas ?? {}).map(([name, schema]): NamedSchema => {
    const path = ["schemas", name];
    checkRefs(r, schema, path);
    return { id: name as SchemaId, schema, builtIn: false, source: path };
  });
  const problem: NamedSchema = { id: "Problem" as SchemaId, schema: PROBLEM_SCHEMA, builtIn: true, source: [] };
  return declared.some((s) => s.id === "Problem") ? declared : [...declared, problem];
}

function checkRefs(r: Resolver, node: unknown, path: Path): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkRefs(r, item, [...path, i]));
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const target = namedRef(value);
      if (target !== undefined) r.resolve("schema", target, [...path, key]);
    } else if (key !== "const" && key !== "enum" && key !== "examples" && key !== "default") {
      checkRefs(r, value, [...path, key]);
    }
  }
}
