import { Ajv2020 } from "ajv/dist/2020.js";
import * as formats from "ajv-formats";
import type { Model } from "../../model/index.js";

const addFormats = ((formats as { default?: unknown }).default ?? formats) as (ajv: Ajv2020) => void;

/**
 * The three validator factories of a service, each knowing every named schema of the model:
 * strings from the URL are coerced to the schema types and get defaults, JSON bodies get defaults
 * only, responses are checked as they are. Schemas were checked by `archkit validate`, so the
 * runtime instances are not strict.
 */
export interface RuntimeAjv {
  /** Path parameters, query strings and headers. */
  readonly strings: Ajv2020;
  readonly body: Ajv2020;
  readonly response: Ajv2020;
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
  const created: RuntimeAjv = {
    strings: instance(model, { coerceTypes: "array", useDefaults: true }),
    body: instance(model, { useDefaults: true }),
    response: instance(model, {}),
  };
  cache.set(model, created);
  return created;
}

function instance(model: Model, options: { coerceTypes?: "array"; useDefaults?: boolean }): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true, validateSchema: false, ...options });
  addFormats(ajv);
  for (const named of model.schemas) ajv.addSchema(named.schema, named.id);
  return ajv;
}
