import type { ValidateFunction } from "ajv";
import type { Endpoint, Flow, JsonSchema, Model, Parameter } from "../../model/index.js";
import { runtimeAjv } from "../../model/ajv.js";
import { fieldErrors, schemaOf } from "../../runtime/service/validation.js";
import { sampleSchema } from "./sample.js";

/** One request to an endpoint, before it is turned into a URL and a body. */
export interface SampleRequest {
  /** Path parameters as they go into the URL. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | number | boolean>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent for an endpoint without a request body. */
  readonly body?: unknown;
}

/** Where a valid request came from: a flow's `example`, or the endpoint's schemas. */
export type RequestSource = { readonly kind: "example"; readonly flow: string } | { readonly kind: "schema" };

export type ValidRequest =
  | { readonly kind: "ok"; readonly request: SampleRequest; readonly source: RequestSource }
  | { readonly kind: "unsupported"; readonly reason: string };

/**
 * A request the endpoint must accept: the example of the flow that enters at it when there is
 * one, else values built from its schemas (path parameters and body; query parameters and headers
 * are optional in archkit, so none are sent). A built request is checked with the same validators
 * the service uses; one that fails them is `unsupported`, with the reason.
 *
 * @example
 * const built = validRequest(model, endpoint);
 * if (built.kind === "ok") console.log(built.request.body);
 */
export function validRequest(model: Model, endpoint: Endpoint): ValidRequest {
  const flow = model.flows.find((f) => f.entry === endpoint.id && f.example !== undefined);
  const named = schemaMap(model);
  const params: Record<string, string> = {};
  for (const name of endpoint.pathParams) {
    const given = flow?.example?.params[name];
    if (given !== undefined) {
      params[name] = String(given);
      continue;
    }
    const sampled = sampleSchema(
      parameterSchema(endpoint.request.params, name),
      `${endpoint.id}/params/${name}`,
      named,
    );
    if (sampled.kind === "unsupported") return sampled;
    params[name] = String(sampled.value);
  }
  const body = requestBody(endpoint, flow, named);
  if (body.kind === "unsupported") return body;
  const request: SampleRequest = {
    params,
    query: { ...flow?.example?.query },
    headers: { ...flow?.example?.headers },
    ...(body.value === undefined ? {} : { body: body.value }),
  };
  if (flow) return { kind: "ok", request, source: { kind: "example", flow: flow.id } };
  const problems = requestProblems(model, endpoint, request);
  if (problems.length > 0)
    return { kind: "unsupported", reason: `the request built from the schemas is not valid: ${problems.join("; ")}` };
  return { kind: "ok", request, source: { kind: "schema" } };
}

function requestBody(
  endpoint: Endpoint,
  flow: Flow | undefined,
  named: ReadonlyMap<string, JsonSchema>,
): { kind: "ok"; value: unknown } | { kind: "unsupported"; reason: string } {
  if (!endpoint.request.body) return { kind: "ok", value: undefined };
  if (flow?.example?.body !== undefined) return { kind: "ok", value: flow.example.body };
  return sampleSchema(schemaOf(endpoint.request.body), `${endpoint.id}/body`, named);
}

/**
 * What the service's validators say about a request, as `/params/x must ...` lines; empty when it passes.
 *
 * @example
 * requestProblems(model, endpoint, { params: { orderId: "42" }, query: {}, headers: {} }) // ["/params/orderId must match format \"uuid\""]
 */
export function requestProblems(model: Model, endpoint: Endpoint, request: SampleRequest): string[] {
  const validators = requestValidators(model, endpoint);
  const out: string[] = [];
  const check = (validate: ValidateFunction | undefined, value: unknown, prefix: string) => {
    if (validate && !validate(value))
      out.push(...fieldErrors(validate.errors, prefix).map((e) => `${e.pointer} ${e.message}`));
  };
  check(validators.params, stringValues(request.params), "/params");
  check(validators.query, stringValues(request.query), "/query");
  if (validators.body) {
    if (request.body === undefined) out.push("/body is required");
    else check(validators.body, structuredClone(request.body), "/body");
  }
  return out;
}

export interface RequestValidators {
  readonly params?: ValidateFunction;
  readonly query?: ValidateFunction;
  readonly body?: ValidateFunction;
}

const compiled = new WeakMap<Endpoint, RequestValidators>();

/** The endpoint's request validators, built like the service builds them (coercion for strings, defaults). */
export function requestValidators(model: Model, endpoint: Endpoint): RequestValidators {
  const found = compiled.get(endpoint);
  if (found) return found;
  const ajv = runtimeAjv(model);
  const { request } = endpoint;
  const made: RequestValidators = {
    params: request.params.length > 0 ? ajv.strings.compile(objectOf(request.params, endpoint.pathParams)) : undefined,
    query: request.query.length > 0 ? ajv.strings.compile(objectOf(request.query, [])) : undefined,
    body: request.body ? ajv.body.compile(schemaOf(request.body)) : undefined,
  };
  compiled.set(endpoint, made);
  return made;
}

/**
 * Named schemas of the model by name, for `$ref: Name`.
 *
 * @example
 * sampleSchema({ $ref: "Order" }, "seed", schemaMap(model));
 */
export function schemaMap(model: Model): ReadonlyMap<string, JsonSchema> {
  return new Map(model.schemas.map((s) => [s.id as string, s.schema]));
}

export function parameterSchema(parameters: readonly Parameter[], name: string): JsonSchema {
  const parameter = parameters.find((p) => p.name === name);
  return parameter ? schemaOf(parameter.schema) : { type: "string" };
}

function objectOf(parameters: readonly Parameter[], required: readonly string[]): JsonSchema {
  return {
    type: "object",
    properties: Object.fromEntries(parameters.map((p) => [p.name, schemaOf(p.schema)])),
    required: [...required],
  };
}

/** URL values arrive as strings; validators coerce them back. */
export function stringValues(values: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}
