import fc from "fast-check";
import type { ComputedModel, JsonSchema, SchemaUse } from "../../src/model/index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = JsonSchema & Record<string, unknown>;

const FORMATS: Readonly<Record<string, () => string>> = {
  uuid: () => crypto.randomUUID(),
  email: () => `fuzz-${crypto.randomUUID().slice(0, 8)}@example.com`,
  "date-time": () => "2026-01-15T10:00:00Z",
  date: () => "2026-01-15",
  uri: () => "https://example.com/x",
};

/**
 * One value a schema accepts, built from its keywords (`$ref` to the model's named schemas,
 * `type`, `enum`, `const`, `format`, `pattern`, lengths, bounds, `required`): the valid request a
 * hostile mutation starts from.
 */
export function sampleOf(computed: ComputedModel, use: SchemaUse | JsonSchema | undefined, depth = 0): Json {
  if (use === undefined || depth > 12) return null;
  const schema = resolve(computed, use);
  if ("const" in schema) return schema.const as Json;
  if (Array.isArray(schema.enum)) return schema.enum[0] as Json;
  if ("default" in schema) return schema.default as Json;
  for (const key of ["oneOf", "anyOf", "allOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) return sampleOf(computed, options[0] as JsonSchema, depth + 1);
  }
  switch (firstType(schema)) {
    case "object":
      return objectOf(computed, schema, depth);
    case "array": {
      const count = typeof schema.minItems === "number" ? Math.max(1, schema.minItems) : 1;
      return Array.from({ length: count }, () => sampleOf(computed, schema.items as JsonSchema, depth + 1));
    }
    case "string":
      return stringOf(schema);
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? Math.max(schema.minimum, 1) : 1;
    case "boolean":
      return true;
    default:
      return null;
  }
}

function resolve(computed: ComputedModel, use: SchemaUse | JsonSchema): Schema {
  const kind = (use as { kind?: unknown }).kind;
  if (kind === "named") return resolve(computed, { $ref: (use as { name: string }).name });
  if (kind === "inline") return resolve(computed, (use as { schema: JsonSchema }).schema);
  const ref = (use as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    const named = computed.schema(ref.replace(/^#\/\$defs\//, ""));
    if (named) return resolve(computed, named.schema as JsonSchema);
  }
  return use as Schema;
}

function firstType(schema: Schema): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null") as string | undefined;
  if (schema.properties) return "object";
  return undefined;
}

function objectOf(computed: ComputedModel, schema: Schema, depth: number): Json {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const names = new Set([...required, ...Object.keys(properties).slice(0, Number(schema.minProperties ?? 0))]);
  return Object.fromEntries([...names].map((name) => [name, sampleOf(computed, properties[name], depth + 1)]));
}

function stringOf(schema: Schema): string {
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  if (format) return format();
  if (typeof schema.pattern === "string") return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), 1)[0]!;
  const min = typeof schema.minLength === "number" ? schema.minLength : 1;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Math.max(min, 12);
  return "fuzz-value-long-enough".padEnd(min, "x").slice(0, max);
}
