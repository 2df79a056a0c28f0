import type { Model, SchemaUse } from "../../model/index.js";
import { runtimeAjv } from "../../model/ajv.js";
import { fieldErrors, schemaOf } from "../../runtime/service/validation.js";
import { schemaMap } from "./request.js";
import { sampleSchema, stableUuid, type SampleOptions, type Sampled } from "./sample.js";

/**
 * The one uuid every generated example of a spec uses (event payloads, fixture rows), so an
 * example event speaks of the example rows: the order a PaymentCompleted names is the example order.
 *
 * @example
 * exampleUuid(model) // the same uuid for every run on the shop
 */
export function exampleUuid(model: Model): string {
  return stableUuid(`${model.system.name}/events`);
}

/**
 * A sample of a schema use that the schema accepts (checked as a service checks what it
 * receives, defaults applied), or why there is none.
 *
 * @example
 * sampleUse(model, event.schema, `event/${event.id}`) // { kind: "ok", value: { orderId: "…", … } }
 */
export function sampleUse(model: Model, use: SchemaUse, seed: string, options: SampleOptions = {}): Sampled {
  const sampled = sampleSchema(schemaOf(use), seed, schemaMap(model), options);
  if (sampled.kind === "unsupported") return sampled;
  const problems = valueProblems(model, use, sampled.value);
  if (problems.length > 0)
    return { kind: "unsupported", reason: `the value built from the schema is not valid: ${problems.join("; ")}` };
  return sampled;
}

/**
 * What a schema says about a value, one `pointer message` line each; empty when it is valid.
 *
 * @example
 * valueProblems(model, endpoint.responses[0].schema, { id: 1 }) // ["/id must be string"]
 */
export function valueProblems(model: Model, use: SchemaUse, value: unknown): string[] {
  const validate = runtimeAjv(model).body.compile(schemaOf(use));
  if (validate(structuredClone(value))) return [];
  return fieldErrors(validate.errors, "").map((e) => `${e.pointer || "/"} ${e.message}`);
}
