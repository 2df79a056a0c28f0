import type { Response } from "express";
import type { Logger } from "pino";
import { HttpProblem, PROBLEM_CONTENT_TYPE, type FieldError } from "./problem.js";
import type { HandlerResponse } from "./types.js";
import { unreachable } from "./unreachable.js";
import { fieldErrors, type EndpointValidators } from "./validation.js";

/** How a handler's answer compares with the spec. */
type Verdict =
  | { readonly kind: "ok" }
  | { readonly kind: "undeclared-status"; readonly declared: readonly number[] }
  | { readonly kind: "unexpected-body" }
  | { readonly kind: "invalid-body"; readonly errors: readonly FieldError[] };

const CONTRACT_BROKEN = "the response did not match the API contract";
const OK: Verdict = { kind: "ok" };

/**
 * Throws a 500 (and logs what broke, naming the fields) when the status is not declared or the
 * body breaks the declared schema, so a wrong answer is never sent.
 *
 * @example
 * enforceResponse(validators, result, "orders.getOrder", scope, true);
 */
export function enforceResponse(
  validators: EndpointValidators,
  result: HandlerResponse,
  endpoint: string,
  scope: { readonly log: Logger },
  validateBodies: boolean,
): void {
  const verdict = judge(validators, result, validateBodies);
  if (verdict.kind === "ok") return;
  const { log } = scope;
  const prefix = `${endpoint} answered ${result.status}`;
  switch (verdict.kind) {
    case "undeclared-status":
      log.error(
        { endpoint: endpoint, status: result.status, declared: verdict.declared },
        `${prefix}, a status the spec does not declare (declared: ${verdict.declared.join(", ")})`,
      );
      break;
    case "unexpected-body":
      log.error(
        { endpoint: endpoint, status: result.status },
        `${prefix} with a body, but the spec declares none for that status`,
      );
      break;
    case "invalid-body": {
      const fields = verdict.errors.map((e) => `${e.pointer || "/"} ${e.message}`).join("; ");
      log.error(
        { endpoint: endpoint, status: result.status, errors: verdict.errors },
        `${prefix} with a body that breaks its schema: ${fields}`,
      );
      break;
    }
    default:
      unreachable(verdict);
  }
  throw new HttpProblem(500, "Internal Server Error", CONTRACT_BROKEN);
}

function judge(validators: EndpointValidators, result: HandlerResponse, validateBodies: boolean): Verdict {
  if (!validators.responses.has(result.status))
    return { kind: "undeclared-status", declared: [...validators.responses.keys()] };
  if (!validateBodies) return OK;
  const validate = validators.responses.get(result.status);
  if (validate === undefined) return result.body === undefined ? OK : { kind: "unexpected-body" };
  if (validate(result.body)) return OK;
  const errors = fieldErrors(validate.errors, "");
  return validate(asSent(result.body)) ? OK : { kind: "invalid-body", errors };
}

/**
 * The body as the client receives it: `undefined` members dropped, dates as ISO strings. Checked
 * only when the body as returned fails, so the common case serializes once.
 */
function asSent(body: unknown): unknown {
  return body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as unknown);
}

/**
 * A handler may answer a status declared as `Problem` without a body (`{ status: 404 }`); the
 * standard problem body is filled in.
 *
 * @example
 * withProblemBody(validators, { status: 404 }, "/orders/42") // { status: 404, body: { type: "about:blank", title: "Not Found", status: 404, instance: "/orders/42" } }
 */
export function withProblemBody(
  validators: EndpointValidators,
  result: HandlerResponse,
  instance: string,
): HandlerResponse {
  if (result.body !== undefined || !validators.problems.has(result.status)) return result;
  return { ...result, body: new HttpProblem(result.status).toProblem(instance) };
}

/**
 * Writes a handler's answer: JSON (problem+json for 4xx and 5xx), or no body.
 *
 * @example
 * sendResult(res, { status: 201, body: order, headers: { location: `/orders/${order.id}` } });
 */
export function sendResult(res: Response, result: HandlerResponse): void {
  res.statusCode = result.status;
  if (result.headers) for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  if (result.body === undefined) {
    res.end();
    return;
  }
  if (!res.hasHeader("content-type")) {
    res.setHeader(
      "content-type",
      result.status >= 400 ? `${PROBLEM_CONTENT_TYPE}; charset=utf-8` : "application/json; charset=utf-8",
    );
  }
  res.end(JSON.stringify(result.body));
}
