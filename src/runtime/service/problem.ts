import { STATUS_CODES } from "node:http";
import type { Response } from "express";
import { ArchkitError } from "../../model/errors.js";

/** The media type of every error body (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** One invalid field: a JSON pointer into the request (`/body/items/0/quantity`) and what is wrong. */
export interface FieldError {
  readonly pointer: string;
  readonly message: string;
}

/** RFC 9457 problem details, the shape of `Problem` in the spec. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
}

export interface ProblemOptions {
  readonly type?: string;
  readonly errors?: readonly FieldError[];
  /** Response headers that belong to the error, e.g. `Allow`, `Retry-After`, `WWW-Authenticate`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/**
 * An error that becomes an RFC 9457 problem+json response with its status. Throw it from a handler
 * (any status), or receive it from a client call (the provider's status).
 *
 * @example
 * throw new HttpProblem(409, "Conflict", "order 42 is already shipped");
 */
export class HttpProblem extends ArchkitError {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type: string;
  readonly errors?: readonly FieldError[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, title?: string, detail?: string, options: ProblemOptions = {}) {
    super(detail ?? title ?? STATUS_CODES[status] ?? `HTTP ${status}`, {
      cause: options.cause,
      code: "http-problem",
      exitCode: status >= 500 ? 2 : 1,
    });
    this.name = "HttpProblem";
    this.status = status;
    this.title = title ?? STATUS_CODES[status] ?? "Error";
    this.detail = detail;
    this.type = options.type ?? "about:blank";
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  /** The response body, with `instance` set to the request path when given. */
  toProblem(instance?: string): ProblemDetails {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
    };
  }
}

/**
 * Shorthand for `new HttpProblem(...)`; the title defaults to the status text.
 *
 * @example
 * if (!order) throw problem(404, "Not Found", `no order ${params.orderId}`);
 */
export function problem(status: number, title?: string, detail?: string, options?: ProblemOptions): HttpProblem {
  return new HttpProblem(status, title, detail, options);
}

/**
 * 501 Not Implemented: what generated handler stubs throw until they are written.
 *
 * @example
 * async placeOrder() { throw new NotImplemented("orders.placeOrder"); }
 */
export class NotImplemented extends HttpProblem {
  constructor(what: string) {
    super(501, "Not Implemented", `${what} is not implemented yet`);
    this.name = "NotImplemented";
  }
}

/**
 * Writes `error` as problem+json with its status and headers.
 *
 * @example
 * sendProblem(res, problem(404), req.path);
 */
export function sendProblem(res: Response, error: HttpProblem, instance?: string): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.statusCode = error.status;
  res.setHeader("content-type", `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  res.end(JSON.stringify(error.toProblem(instance)));
}
