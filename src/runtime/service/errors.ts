import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { HttpProblem, sendProblem } from "./problem.js";
import { allowedMethods, type RouteShape } from "./routes.js";
import { scopeOf } from "./scope.js";
import { unreachable } from "./unreachable.js";

/** What reached the error handler. */
type Failure =
  | { readonly kind: "problem"; readonly problem: HttpProblem }
  | { readonly kind: "body"; readonly status: number; readonly type: string; readonly message: string }
  | { readonly kind: "unexpected"; readonly error: unknown };

/**
 * After the routes: 405 with `Allow` when some route has the path, 404 otherwise, both problem+json.
 *
 * @example
 * app.use(fallback(routes));
 */
export function fallback(routes: readonly RouteShape[]): RequestHandler {
  return (req) => {
    const allowed = allowedMethods(routes, req.path);
    if (allowed.length === 0) throw new HttpProblem(404, "Not Found", `no route for ${req.method} ${req.path}`);
    throw new HttpProblem(405, "Method Not Allowed", `${req.method} is not allowed on ${req.path}`, {
      headers: { allow: allowed.join(", ") },
    });
  };
}

/**
 * Last middleware: every error becomes problem+json. Thrown `HttpProblem`s keep their status;
 * body parser errors keep theirs (413 too large, 400 malformed, 415 unsupported encoding);
 * anything else is a logged 500 whose detail reveals nothing.
 *
 * @example
 * app.use(errorHandler(logger));
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = toProblem(classify(error));
    const log = res.locals.scope ? scopeOf(res).log : logger;
    if (problem.status >= 500)
      log.error(
        { err: error, status: problem.status },
        `${req.method} ${req.path} failed: ${problem.detail ?? problem.title}`,
      );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendProblem(res, problem, req.path);
  };
}

function classify(error: unknown): Failure {
  if (error instanceof HttpProblem) return { kind: "problem", problem: error };
  if (isBodyError(error)) return { kind: "body", status: error.status, type: error.type, message: error.message };
  return { kind: "unexpected", error };
}

function toProblem(failure: Failure): HttpProblem {
  switch (failure.kind) {
    case "problem":
      return failure.problem;
    case "body":
      return bodyProblem(failure.status, failure.type, failure.message);
    case "unexpected":
      return new HttpProblem(500, "Internal Server Error", "an unexpected error occurred", { cause: failure.error });
    default:
      return unreachable(failure);
  }
}

function bodyProblem(status: number, type: string, message: string): HttpProblem {
  switch (type) {
    case "entity.too.large":
      return new HttpProblem(413, "Content Too Large", `the request body exceeds the limit: ${message}`);
    case "entity.parse.failed":
      return new HttpProblem(400, "Bad Request", `the request body is not valid JSON: ${message}`, {
        errors: [{ pointer: "/body", message: "is not valid JSON" }],
      });
    default:
      return new HttpProblem(status, undefined, message);
  }
}

interface BodyError {
  readonly status: number;
  readonly type: string;
  readonly message: string;
  readonly expose: boolean;
}

/** Errors of Express's body parser carry a 4xx `status`, a `type` and `expose: true`. */
function isBodyError(error: unknown): error is BodyError {
  if (!(error instanceof Error)) return false;
  const e = error as Partial<BodyError>;
  return (
    typeof e.status === "number" && e.status >= 400 && e.status < 500 && typeof e.type === "string" && e.expose === true
  );
}
