import type { Request } from "express";
import { isJsonContentType } from "./content-type.js";
import type { ValidateFunction } from "ajv";
import { HttpProblem, type FieldError } from "./problem.js";
import { MAX_BODY_DEPTH, nestingDepth, unstorableValues } from "./input-guard.js";
import { fieldErrors, type EndpointValidators } from "./validation.js";

/** The parts of a request a handler receives, validated and coerced; only declared query parameters are read. */
export interface ValidatedInput {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
}

/**
 * Validates params, query, headers and body at once; throws a 400 problem listing every invalid
 * field (or 415 for a declared body sent as something other than JSON). A body nested deeper than
 * `MAX_BODY_DEPTH` is refused before any schema looks at it; values no service can keep (NUL
 * characters, whole numbers beyond ±2^53 - 1) are invalid fields like any other.
 *
 * @example
 * const { params, query, body } = readInput(validators, req);
 */
export function readInput(validators: EndpointValidators, req: Request): ValidatedInput {
  const errors: FieldError[] = [];
  refuseDeepBody(req.body);
  const params = checked(validators.params, { ...req.params }, "/params", errors);
  const query = validators.query
    ? checked(validators.query, { ...(req.query as Record<string, unknown>) }, "/query", errors)
    : {};
  if (validators.headers) checked(validators.headers, declaredHeaders(validators.headers, req), "/headers", errors);
  const body = validators.body ? readBody(validators.body, req, errors) : undefined;
  errors.push(
    ...unstorableValues(params, "/params"),
    ...unstorableValues(query, "/query"),
    ...unstorableValues(body, "/body"),
  );
  if (errors.length > 0) {
    const summary = errors
      .slice(0, 3)
      .map((e) => `${e.pointer} ${e.message}`)
      .join("; ");
    throw new HttpProblem(400, "Bad Request", `invalid request: ${summary}${errors.length > 3 ? "; ..." : ""}`, {
      errors,
    });
  }
  return { params, query, body };
}

function refuseDeepBody(body: unknown): void {
  if (nestingDepth(body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH) return;
  throw new HttpProblem(400, "Bad Request", `the request body nests deeper than ${MAX_BODY_DEPTH} levels`, {
    errors: [{ pointer: "/body", message: `nests deeper than ${MAX_BODY_DEPTH} levels` }],
  });
}

function checked<T>(validate: ValidateFunction | undefined, value: T, prefix: string, errors: FieldError[]): T {
  if (validate && !validate(value)) errors.push(...fieldErrors(validate.errors, prefix));
  return value;
}

function readBody(validate: ValidateFunction, req: Request, errors: FieldError[]): unknown {
  const body: unknown = req.body;
  if (body === undefined) {
    if (hasContent(req) && !isJsonContentType(req.headers["content-type"])) {
      throw new HttpProblem(
        415,
        "Unsupported Media Type",
        `send the body as application/json, not ${req.headers["content-type"] ?? "untyped"}`,
      );
    }
    errors.push({ pointer: "/body", message: "is required" });
    return undefined;
  }
  return checked(validate, body, "/body", errors);
}

function hasContent(req: Request): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

function declaredHeaders(validate: ValidateFunction, req: Request): Record<string, unknown> {
  const properties = (validate.schema as { properties?: Record<string, unknown> }).properties ?? {};
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(properties)) {
    const value = req.headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
