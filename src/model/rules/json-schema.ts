import type { Ajv2020 } from "ajv/dist/2020.js";
import { createAjv, EXTRA_KEYWORDS } from "../ajv.js";
import type { SchemaUse } from "../model.js";
import type { Model } from "../model-system.js";
import type { Path } from "../source.js";
import { didYouMean } from "../suggest.js";
import type { Rule, RuleContext } from "./context.js";
import { checkCompiles } from "./schema-compile.js";

const KEYWORDS: readonly string[] = [
  "type",
  "properties",
  "required",
  "items",
  "prefixItems",
  "additionalProperties",
  "patternProperties",
  "enum",
  "const",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "oneOf",
  "anyOf",
  "allOf",
  "not",
  "$ref",
  "$defs",
  "description",
  "title",
  "default",
  "examples",
  "nullable",
  "readOnly",
  "writeOnly",
  "deprecated",
  "multipleOf",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "contains",
  "propertyNames",
  "if",
  "then",
  "else",
  "$schema",
  "$id",
  "$anchor",
  "$comment",
  "$dynamicRef",
  "$dynamicAnchor",
  "contentMediaType",
  "contentEncoding",
  "contentSchema",
  "dependentSchemas",
  "unevaluatedItems",
  "unevaluatedProperties",
  "minContains",
  "maxContains",
  ...EXTRA_KEYWORDS,
];

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

let metaValidator: Ajv2020 | undefined;

/** One shared instance for meta-schema checks: compiling the 2020-12 meta-schema is the costly part. */
function meta(): Ajv2020 {
  metaValidator ??= createAjv("meta");
  return metaValidator;
}

export const invalidJsonSchema: Rule = {
  name: "invalid-json-schema",
  check(ctx) {
    const targets = [
      ...ctx.model.schemas.filter((s) => !s.builtIn).map((s) => ({ schema: s.schema, source: s.source })),
      ...schemaUses(ctx.model).flatMap((u) => (u.kind === "inline" ? [{ schema: u.schema, source: u.source }] : [])),
    ];
    const failed = targets.filter((target) => !checkOne(ctx, target.schema, target.source));
    checkCompiles(ctx, new Set(failed.map((target) => target.source.join("/"))));
  },
};

const DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** Reports what is wrong with one schema as written; false when something was. */
function checkOne(ctx: RuleContext, schema: object, source: Path): boolean {
  const ajv = meta();
  const dialect = (schema as { $schema?: unknown }).$schema;
  if (dialect !== undefined && dialect !== DIALECT && dialect !== `${DIALECT}#`) {
    ctx.report("invalidJsonSchema", [...source, "$schema"], {
      message: `schema dialect ${JSON.stringify(dialect)} is not supported; archkit reads JSON Schema 2020-12`,
      hint: "remove `$schema`, or set it to " + DIALECT,
    });
    return false;
  }
  let valid: boolean;
  try {
    valid = ajv.validateSchema(schema) as boolean;
  } catch (error) {
    ctx.report("invalidJsonSchema", source, {
      message: `invalid JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
    });
    return false;
  }
  if (!valid) {
    const error = [...(ajv.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const allowed = (error?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
    ctx.report("invalidJsonSchema", [...source, ...pointer(error?.instancePath ?? "")], {
      message: `invalid JSON Schema at ${error?.instancePath || "its root"}: ${error?.message ?? "does not match the 2020-12 meta-schema"}${allowed ? ` (${allowed.join(", ")})` : ""}`,
    });
    return false;
  }
  const patterns = invalidPatterns(schema);
  for (const { at, part, reason } of patterns)
    ctx.report(
      "invalidJsonSchema",
      [...source, ...at],
      {
        message: `this pattern is no regular expression: ${reason.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "")}`,
        hint: "patterns are ECMAScript regular expressions with the `u` flag: escape `[`, `(` and `{` that are meant literally, e.g. `\\[`",
      },
      part,
    );
  if (patterns.length > 0) return false;
  const unknown = unknownKeywords(schema, []);
  for (const at of unknown) {
    const keyword = String(at[at.length - 1]);
    ctx.report(
      "invalidJsonSchema",
      [...source, ...at],
      {
        message: `unknown JSON Schema keyword \`${keyword}\``,
        hint:
          didYouMean(keyword, KEYWORDS) ??
          "JSON Schema 2020-12 keywords only; put notes in `description`, extensions in `x-...` keys",
      },
      "key",
    );
  }
  return unknown.length === 0;
}

const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SCHEMA_VALUES = [
  "items",
  "not",
  "additionalProperties",
  "contains",
  "propertyNames",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
];
const SCHEMA_LISTS = ["prefixItems", "allOf", "anyOf", "oneOf"];

/** Every subschema of `schema` (itself included) with its path, walking only into subschemas. */
function* subschemas(schema: unknown, path: Path): Generator<readonly [Record<string, unknown>, Path]> {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return;
  yield [schema as Record<string, unknown>, path];
  for (const [key, value] of Object.entries(schema)) {
    const here = [...path, key];
    if (SCHEMA_MAPS.includes(key) && value && typeof value === "object")
      for (const [name, sub] of Object.entries(value)) yield* subschemas(sub, [...here, name]);
    else if (SCHEMA_VALUES.includes(key)) yield* subschemas(value, here);
    else if (SCHEMA_LISTS.includes(key) && Array.isArray(value))
      for (const [i, sub] of value.entries()) yield* subschemas(sub, [...here, i]);
  }
}

/** Paths of keys that are not JSON Schema keywords, walking only into subschemas (not into property names or values). */
function unknownKeywords(schema: unknown, path: Path): Path[] {
  return [...subschemas(schema, path)].flatMap(([node, at]) =>
    Object.keys(node)
      .filter((key) => !KEYWORDS.includes(key) && !key.startsWith("x-"))
      .map((key) => [...at, key]),
  );
}

/** Each `pattern` and `patternProperties` key that is no regular expression the runtime can build, with why. */
function invalidPatterns(
  schema: unknown,
): { readonly at: Path; readonly part: "key" | "value"; readonly reason: string }[] {
  const found: { at: Path; part: "key" | "value"; reason: string }[] = [];
  const check = (pattern: unknown, at: Path, part: "key" | "value") => {
    if (typeof pattern !== "string") return;
    try {
      new RegExp(pattern, "u");
    } catch (error) {
      found.push({ at, part, reason: (error as Error).message });
    }
  };
  for (const [node, at] of subschemas(schema, [])) {
    check(node.pattern, [...at, "pattern"], "value");
    const keyed = node.patternProperties;
    if (keyed && typeof keyed === "object")
      for (const key of Object.keys(keyed)) check(key, [...at, "patternProperties", key], "key");
  }
  return found;
}

function pointer(instancePath: string): string[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}
