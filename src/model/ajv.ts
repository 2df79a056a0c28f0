import { Ajv2020, type Options } from "ajv/dist/2020.js";
import * as formats from "ajv-formats";
import type { Model } from "./model-system.js";

const addFormats = ((formats as { default?: unknown }).default ?? formats) as (ajv: Ajv2020) => void;

/** Annotation keywords common in API specs that JSON Schema 2020-12 does not define. */
export const EXTRA_KEYWORDS = ["example", "x-archkit"] as const;

/**
 * What every instance that validates values shares, so a request body, a response and an event
 * payload accept the same schemas and the same values: JSON Schema 2020-12 with the ajv-formats
 * formats, union types, and unknown keywords or formats refused (keys starting with `x-` are
 * annotations). Type, tuple and `required` lints are `archkit validate`'s business, not ajv's.
 */
const SHARED: Readonly<Options> = {
  allErrors: true,
  allowUnionTypes: true,
  strictSchema: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  validateSchema: false,
};

const CHECKING: Readonly<Options> = { allErrors: false, code: { optimize: false } };

/**
 * The ways archkit validates with ajv; only what must differ differs.
 * - `strings`: path parameters, query strings and headers, coerced from strings, defaults filled in.
 * - `body`: JSON request bodies, defaults filled in.
 * - `exact`: responses and event payloads, checked as they are.
 * - `checkInput`, `checkOutput`: `archkit validate` compiling every schema as the runtime will, to
 *   report what it would refuse; they accept exactly what `strings`/`body` and `exact` accept, and
 *   compile faster (first error only, unoptimized code) because nothing is validated with them.
 * - `meta`: `archkit validate`'s check of a schema against the 2020-12 meta-schema (schemas are the
 *   data there, so formats are not checked and ajv's own strictness does not apply).
 */
export const AJV_PRESETS = {
  strings: { ...SHARED, coerceTypes: "array", useDefaults: true },
  body: { ...SHARED, useDefaults: true },
  exact: { ...SHARED },
  checkInput: { ...SHARED, useDefaults: true, ...CHECKING },
  checkOutput: { ...SHARED, ...CHECKING },
  meta: { allErrors: true, strict: false, validateFormats: false },
} as const satisfies Readonly<Record<string, Options>>;

export type AjvPreset = keyof typeof AJV_PRESETS;

/** A schema the instance knows by name, so `$ref: Order` resolves. */
export interface NamedJsonSchema {
  readonly id: string;
  readonly schema: object;
}

/**
 * An ajv instance with one of the presets that knows the given schemas by name. The runtime,
 * `archkit validate` and the checks all build their instances here.
 *
 * @example
 * const validate = createAjv("body", model.schemas).compile({ $ref: "PlaceOrder" });
 */
export function createAjv(preset: AjvPreset, named: readonly NamedJsonSchema[] = []): Ajv2020 {
  const ajv = new Ajv2020({ ...AJV_PRESETS[preset] });
  if (preset === "meta") return ajv;
  addFormats(ajv);
  for (const keyword of EXTRA_KEYWORDS) ajv.addKeyword(keyword);
  const compile = ajv.compile.bind(ajv);
  ajv.compile = ((schema: object, meta?: boolean) => {
    allowExtensions(ajv, schema);
    return compile(schema, meta);
  }) as Ajv2020["compile"];
  for (const { id, schema } of named) {
    allowExtensions(ajv, schema);
    ajv.addSchema(schema, id);
  }
  return ajv;
}

/** Registers every `x-...` key in the schema as an annotation keyword. */
function allowExtensions(ajv: Ajv2020, node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowExtensions(ajv, item);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") && !ajv.getKeyword(key)) ajv.addKeyword(key);
    allowExtensions(ajv, value);
  }
}

/**
 * The validator factories of a model's services and event buses, each knowing every named schema
 * of the model. Schemas were checked by `archkit validate` with these same presets.
 */
export interface RuntimeAjv {
  /** Path parameters, query strings and headers. */
  readonly strings: Ajv2020;
  readonly body: Ajv2020;
  readonly response: Ajv2020;
  /** Event payloads: the same instance as `response`. */
  readonly event: Ajv2020;
}

const cache = new WeakMap<Model, RuntimeAjv>();

/**
 * The runtime ajv instances of a model, built once per model and shared by its services.
 *
 * @example
 * const validate = runtimeAjv(model).body.compile({ $ref: "PlaceOrder" });
 */
export function runtimeAjv(model: Model): RuntimeAjv {
  const found = cache.get(model);
  if (found) return found;
  const exact = createAjv("exact", model.schemas);
  const created: RuntimeAjv = {
    strings: createAjv("strings", model.schemas),
    body: createAjv("body", model.schemas),
    response: exact,
    event: exact,
  };
  cache.set(model, created);
  return created;
}
