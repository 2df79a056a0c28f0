import type { ErrorObject, ValidateFunction } from "ajv";
import type { Endpoint, JsonSchema, Parameter, SchemaUse } from "../../model/index.js";
import type { RuntimeAjv } from "../../model/ajv.js";
import type { FieldError } from "./problem.js";
import { unreachable } from "./unreachable.js";

/** Validators of one endpoint, compiled once when the service is created. */
export interface EndpointValidators {
  readonly params?: ValidateFunction;
  readonly query?: ValidateFunction;
  readonly headers?: ValidateFunction;
  readonly body?: ValidateFunction;
  /** Declared statuses; `undefined` for a status declared without a body. */
  readonly responses: ReadonlyMap<number, ValidateFunction | undefined>;
  /** Statuses declared with the `Problem` schema: a handler may answer them without a body. */
  readonly problems: ReadonlySet<number>;
}

/**
 * Compiles the request and response validators of an endpoint.
 *
 * @example
 * const validators = compileValidators(endpoint, runtimeAjv(model));
 */
export function compileValidators(endpoint: Endpoint, ajv: RuntimeAjv): EndpointValidators {
  const { request } = endpoint;
  return {
    params: request.params.length > 0 ? ajv.strings.compile(objectOf(request.params, endpoint.pathParams)) : undefined,
    query: request.query.length > 0 ? ajv.strings.compile(objectOf(request.query, [])) : undefined,
    headers: request.headers.length > 0 ? ajv.strings.compile(objectOf(lowerCased(request.headers), [])) : undefined,
    body: request.body ? ajv.body.compile(schemaOf(request.body)) : undefined,
    responses: new Map(
      endpoint.responses.map((r) => [r.status, r.schema ? ajv.response.compile(schemaOf(r.schema)) : undefined]),
    ),
    problems: new Set(
      endpoint.responses.filter((r) => r.schema?.kind === "named" && r.schema.name === "Problem").map((r) => r.status),
    ),
  };
}

/**
 * The schema to compile for a use: a named schema by reference, an inline one as written.
 *
 * @example
 * schemaOf({ kind: "named", name: "Order", source: [] }) // { $ref: "Order" }
 */
export function schemaOf(use: SchemaUse): JsonSchema {
  switch (use.kind) {
    case "named":
      return { $ref: use.name };
    case "inline":
      return use.schema;
    default:
      return unreachable(use);
  }
}

/**
 * Ajv errors as field errors with JSON pointers under `prefix` (`/body`, `/query`, ...). A missing or
 * unexpected property points at the property itself, not at its parent.
 *
 * @example
 * fieldErrors(validate.errors, "/body") // [{ pointer: "/body/items/0/quantity", message: "must be >= 1" }]
 */
export function fieldErrors(errors: readonly ErrorObject[] | null | undefined, prefix: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors ?? []) {
    const field = fieldError(error, prefix);
    const key = `${field.pointer}\u0000${field.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(field);
  }
  return out;
}

function fieldError(error: ErrorObject, prefix: string): FieldError {
  const base = `${prefix}${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
    case "dependentRequired":
      return { pointer: `${base}/${escapePointer(String(params.missingProperty))}`, message: "is required" };
    case "additionalProperties":
    case "unevaluatedProperties":
      return {
        pointer: `${base}/${escapePointer(String(params.additionalProperty ?? params.unevaluatedProperty))}`,
        message: "is not allowed",
      };
    default:
      return { pointer: base, message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * One JSON pointer segment (RFC 6901): `~` as `~0`, `/` as `~1`.
 *
 * @example
 * escapePointer("a/b") // "a~1b"
 */
export function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function objectOf(parameters: readonly Parameter[], required: readonly string[]): JsonSchema {
  return {
    type: "object",
    properties: Object.fromEntries(parameters.map((p) => [p.name, schemaOf(p.schema)])),
    required: [...required],
  };
}

function lowerCased(parameters: readonly Parameter[]): Parameter[] {
  return parameters.map((p) => ({ ...p, name: p.name.toLowerCase() }));
}
