import type { Event, Model } from "../../model/index.js";
import { runtimeAjv } from "../../model/ajv.js";
import { schemaOf } from "../../runtime/service/validation.js";

/** An event payload the consumer's validation must refuse, and what was changed. */
export type InvalidPayload =
  | { readonly kind: "ok"; readonly payload: unknown; readonly change: string }
  | { readonly kind: "none"; readonly reason: string };

const WRONG_TYPE: Readonly<Record<string, unknown>> = {
  string: 12345,
  number: "not-a-number",
  boolean: "not-a-boolean",
  object: "not-an-object",
  array: "not-an-array",
};

/**
 * A valid payload of `event` with one thing broken: a required property left out, a property of
 * the wrong type, or an array instead of the payload. The first change the event's schema refuses
 * (checked as a consumer checks what it receives) wins.
 *
 * @example
 * invalidPayload(model, orderCreated, valid) // { kind: "ok", change: "leaves out the required property orderId", ... }
 */
export function invalidPayload(model: Model, event: Event, valid: unknown): InvalidPayload {
  const validate = runtimeAjv(model).event.compile(schemaOf(event.schema));
  for (const candidate of candidates(valid)) {
    if (!validate(structuredClone(candidate.payload))) return { kind: "ok", ...candidate };
  }
  return { kind: "none", reason: "every change tried still passes the schema" };
}

function candidates(valid: unknown): { payload: unknown; change: string }[] {
  if (typeof valid !== "object" || valid === null || Array.isArray(valid))
    return [{ payload: typeof valid === "string" ? 12345 : "not-valid", change: "is of the wrong type" }];
  const record = valid as Record<string, unknown>;
  const out: { payload: unknown; change: string }[] = [];
  for (const name of Object.keys(record)) {
    const { [name]: _dropped, ...rest } = record;
    out.push({ payload: rest, change: `leaves out the property ${name}` });
  }
  for (const [name, value] of Object.entries(record)) {
    const wrong = WRONG_TYPE[Array.isArray(value) ? "array" : typeof value];
    if (wrong !== undefined)
      out.push({ payload: { ...record, [name]: wrong }, change: `gives ${name} the wrong type` });
  }
  out.push({ payload: [], change: "is an array" });
  return out;
}
