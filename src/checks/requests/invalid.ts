import type { ValidateFunction } from "ajv";
import type { Endpoint, Model } from "../../model/index.js";
import { fieldErrors } from "../../runtime/service/validation.js";
import { requestValidators, stringValues, type SampleRequest } from "./request.js";

/** A request the endpoint must refuse with 400, and the field its problem must name. */
export type InvalidRequest =
  | { readonly kind: "ok"; readonly request: SampleRequest; readonly pointer: string; readonly change: string }
  | { readonly kind: "none"; readonly reason: string };

interface Candidate {
  readonly request: SampleRequest;
  readonly change: string;
}

/** Values that break most string schemas with a format, pattern, enum or number type. */
const BAD_STRINGS = ["not-valid!", "-1", ""];
const WRONG_TYPE: Readonly<Record<string, unknown>> = {
  string: 12345,
  number: "not-a-number",
  integer: "not-a-number",
  boolean: "not-a-boolean",
  object: "not-an-object",
  array: "not-an-array",
};

/**
 * The valid request with one thing broken: a required body property left out, a body property of
 * the wrong type, the body of the wrong type, then a path or query parameter the schema refuses.
 * The first change the service's own validators refuse wins; `pointer` is the field they name.
 *
 * @example
 * const bad = invalidRequest(model, endpoint, valid);
 * // { kind: "ok", pointer: "/body/items", change: "leaves out the required body property items", ... }
 */
export function invalidRequest(model: Model, endpoint: Endpoint, valid: SampleRequest): InvalidRequest {
  const validators = requestValidators(model, endpoint);
  const candidates = [...bodyCandidates(valid, validators.body), ...parameterCandidates(valid, endpoint)];
  for (const candidate of candidates) {
    const pointer = refusedAt(validators, candidate.request);
    if (pointer !== undefined) return { kind: "ok", request: candidate.request, pointer, change: candidate.change };
  }
  return {
    kind: "none",
    reason: "every change tried still passes the schemas (no required body property, type, format or pattern to break)",
  };
}

function bodyCandidates(valid: SampleRequest, validate: ValidateFunction | undefined): Candidate[] {
  if (!validate || valid.body === undefined) return [];
  const body = valid.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return [
      {
        request: { ...valid, body: typeof body === "string" ? 12345 : "not-valid" },
        change: "sends a body of the wrong type",
      },
    ];
  }
  const record = body as Record<string, unknown>;
  const schema = validate.schema as { required?: unknown };
  const required = Array.isArray(schema.required) ? schema.required.map(String) : Object.keys(record);
  const out: Candidate[] = [];
  for (const name of required) {
    const { [name]: _dropped, ...rest } = record;
    out.push({ request: { ...valid, body: rest }, change: `leaves out the required body property ${name}` });
  }
  for (const [name, value] of Object.entries(record)) {
    const wrong = WRONG_TYPE[Array.isArray(value) ? "array" : typeof value === "number" ? "number" : typeof value];
    if (wrong !== undefined)
      out.push({
        request: { ...valid, body: { ...record, [name]: wrong } },
        change: `sends the body property ${name} with the wrong type`,
      });
  }
  out.push({ request: { ...valid, body: [] }, change: "sends an array as the body" });
  return out;
}

function parameterCandidates(valid: SampleRequest, endpoint: Endpoint): Candidate[] {
  const out: Candidate[] = [];
  for (const name of endpoint.pathParams) {
    for (const bad of BAD_STRINGS.filter((b) => b !== ""))
      out.push({
        request: { ...valid, params: { ...valid.params, [name]: bad } },
        change: `sends the path parameter ${name} as "${bad}"`,
      });
  }
  for (const parameter of endpoint.request.query) {
    for (const bad of BAD_STRINGS)
      out.push({
        request: { ...valid, query: { ...valid.query, [parameter.name]: bad } },
        change: `sends the query parameter ${parameter.name} as "${bad}"`,
      });
  }
  return out;
}

/** The first field the validators refuse, or undefined when they accept the request. */
function refusedAt(validators: ReturnType<typeof requestValidators>, request: SampleRequest): string | undefined {
  const parts: [ValidateFunction | undefined, unknown, string][] = [
    [validators.body, request.body === undefined ? undefined : structuredClone(request.body), "/body"],
    [validators.params, stringValues(request.params), "/params"],
    [validators.query, stringValues(request.query), "/query"],
  ];
  for (const [validate, value, prefix] of parts) {
    if (!validate || value === undefined) continue;
    if (!validate(value)) return fieldErrors(validate.errors, prefix)[0]?.pointer ?? prefix;
  }
  return undefined;
}
