import { Ajv2020 } from "ajv/dist/2020.js";
import * as formats from "ajv-formats";
import type { SchemaUse } from "../model.js";
import type { Model } from "../model-system.js";
import type { Path } from "../source.js";
import { didYouMean } from "../suggest.js";
import type { Rule, RuleContext } from "./context.js";

const addFormats = ((formats as { default?: unknown }).default ?? formats) as (ajv: Ajv2020) => void;

/** Annotation keywords common in API specs that JSON Schema 2020-12 does not define. */
export const EXTRA_KEYWORDS = ["example", "x-archkit"] as const;

const KEYWORDS = [
  "type", "properties", "required", "items", "prefixItems", "additionalProperties", "patternProperties", "enum", "const",
  "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems",
  "maxItems", "uniqueItems", "oneOf", "anyOf", "allOf", "not", "$ref", "$defs", "description", "title", "default",
  "examples", "nullable", "readOnly", "writeOnly", "deprecated", "multipleOf", "minProperties", "maxProperties",
  "dependentRequired", "contains", "propertyNames", "if", "then", "else", ...EXTRA_KEYWORDS,
];

/** An ajv instance that knows every named schema of the model by its name (`$ref: Order`). */
export function createSchemaAjv(model: Model): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, validateSchema: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const keyword of EXTRA_KEYWORDS) ajv.addKeyword(keyword);
  for (const named of model.schemas) ajv.addSchema(named.schema, named.id);
  return ajv;
}

/** Every place a schema is used, named or inline. */
export function schemaUses(model: Model): SchemaUse[] {
  return [
    ...model.services.flatMap((s) =>
      s.endpoints.flatMap((e) => [
        ...(e.request.body ? [e.request.body] : []),
        ...[...e.request.params, ...e.request.query, ...e.request.headers].map((p) => p.schema),
        ...e.responses.flatMap((r) => (r.schema ? [r.schema] : [])),
      ]),
    ),
    ...model.events.map((e) => e.schema),
    ...model.stores.flatMap((s) => (s.kind === "document" ? s.collections.map((c) => c.schema) : [])),
  ];
}

export const invalidJsonSchema: Rule = {
  name: "invalid-json-schema",
  check(ctx) {
    const ajv = createSchemaAjv(ctx.model);
    const targets = [
      ...ctx.model.schemas.filter((s) => !s.builtIn).map((s) => ({ schema: s.schema, source: s.source, compileKey: s.id as string })),
      ...schemaUses(ctx.model).flatMap((u) => (u.kind === "inline" ? [{ schema: u.schema, source: u.source, compileKey: undefined }] : [])),
    ];
    for (const target of targets) checkOne(ctx, ajv, target.schema, target.source, target.compileKey);
  },
};

function checkOne(ctx: RuleContext, ajv: Ajv2020, schema: object, source: Path, key: string | undefined): void {
  if (!ajv.validateSchema(schema)) {
    const error = [...(ajv.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const at = [...source, ...pointer(error?.instancePath ?? "")];
    const allowed = (error?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
    ctx.report("invalidJsonSchema", at, {
      message: `invalid JSON Schema at ${error?.instancePath || "its root"}: ${error?.message ?? "does not match the 2020-12 meta-schema"}${allowed ? ` (${allowed.join(", ")})` : ""}`,
    });
    return;
  }
  try {
    if (key === undefined) ajv.compile(schema);
    else ajv.getSchema(key);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
    const at = unknown ? [...source, ...(findKey(schema, unknown) ?? [])] : source;
    ctx.report("invalidJsonSchema", at, {
      message: unknown ? `unknown JSON Schema keyword \`${unknown}\`` : `JSON Schema cannot be compiled: ${message.replace(/^strict mode: /, "")}`,
      hint: unknown ? (didYouMean(unknown, KEYWORDS) ?? "JSON Schema 2020-12 keywords only; annotations go in `description`") : undefined,
    }, unknown ? "key" : "value");
  }
}

function pointer(instancePath: string): string[] {
  return instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function findKey(node: unknown, key: string, path: (string | number)[] = []): (string | number)[] | undefined {
  if (node === null || typeof node !== "object") return undefined;
  for (const [k, v] of Object.entries(node)) {
    const here = [...path, Array.isArray(node) ? Number(k) : k];
    if (k === key) return here;
    const found = findKey(v, key, here);
    if (found) return found;
  }
  return undefined;
}
