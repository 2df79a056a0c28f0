import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { classifyDatabaseError, type DatabaseInputError } from "../db/errors.js";
import { HttpProblem, sendProblem, type FieldError } from "./problem.js";
import { allowedMethods, type RouteShape } from "./routes.js";
import { escapePointer } from "./validation.js";
import { scopeOf } from "./scope.js";
import { unreachable } from "./unreachable.js";

/** What reached the error handler. */
type Failure =
  | { readonly kind: "problem"; readonly problem: HttpProblem }
  | { readonly kind: "body"; readonly status: number; readonly type: string; readonly message: string }
  | { readonly kind: "client"; readonly status: number; readonly error: Error }
  | { readonly kind: "database"; readonly error: DatabaseInputError; readonly cause: unknown }
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
 * body parser errors keep theirs (413 too large, 400 malformed or not decompressible, 415
 * unsupported encoding); a path that is not valid percent-encoding is a 400; a database error the
 * request's values caused (see `classifyDatabaseError`) is a 400, 409 or 422 naming the field;
 * anything else is a logged 500 whose detail reveals nothing.
 *
 * @example
 * app.use(errorHandler(logger));
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = toProblem(classify(error), res.locals.scope ? scopeOf(res).input : undefined);
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
  if (isClientError(error)) return { kind: "client", status: error.status, error };
  const database = classifyDatabaseError(error);
  if (database) return { kind: "database", error: database, cause: error };
  return { kind: "unexpected", error };
}

function toProblem(failure: Failure, input: unknown): HttpProblem {
  switch (failure.kind) {
    case "problem":
      return failure.problem;
    case "body":
      return bodyProblem(failure.status, failure.type, failure.message);
    case "client":
      return clientProblem(failure.status, failure.error);
    case "database":
      return databaseProblem(failure.error, input, failure.cause);
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

/** Errors that are not body parser errors but carry a 4xx: the router's percent-decoding, a stream body parser's inflate. */
function clientProblem(status: number, error: Error): HttpProblem {
  if (error instanceof URIError)
    return new HttpProblem(400, "Bad Request", "the path is not valid percent-encoding", {
      errors: [{ pointer: "/params", message: "is not valid percent-encoding" }],
    });
  const { code } = error as Error & { code?: unknown };
  if (typeof code === "string" && code.startsWith("Z_"))
    return new HttpProblem(400, "Bad Request", `the request body could not be decompressed: ${error.message}`, {
      errors: [{ pointer: "/body", message: "could not be decompressed" }],
    });
  return new HttpProblem(status, undefined, error.message);
}

const DATABASE_STATUS = { "invalid-value": 400, "too-large": 422, conflict: 409 } as const satisfies Record<
  DatabaseInputError["kind"],
  number
>;

function databaseProblem(error: DatabaseInputError, input: unknown, cause: unknown): HttpProblem {
  const status = DATABASE_STATUS[error.kind];
  const fields = fieldsHolding(input, error.value);
  const reason = error.kind === "conflict" ? "duplicates a stored value" : `cannot be stored: ${error.message}`;
  const errors: FieldError[] =
    fields.length > 0
      ? fields.map((pointer) => ({ pointer, message: reason }))
      : [{ pointer: error.column === undefined ? "/body" : `/body/${escapePointer(error.column)}`, message: reason }];
  const detail = `a value of the request ${reason}`;
  return new HttpProblem(status, undefined, detail, { errors, cause });
}

/** Pointers into the validated request whose value, as text, is `value`; the database names a value, not a field. */
function fieldsHolding(input: unknown, value: string | undefined): string[] {
  if (value === undefined || input === null || typeof input !== "object") return [];
  const found: string[] = [];
  const stack: [unknown, string][] = [[input, ""]];
  while (stack.length > 0 && found.length < 5) {
    const [current, pointer] = stack.pop()!;
    if (current !== null && typeof current === "object") {
      for (const [key, child] of Object.entries(current)) stack.push([child, `${pointer}/${escapePointer(key)}`]);
    } else if (current !== undefined && String(current) === value) found.push(pointer);
  }
  return found.sort();
}

type ClientError = Error & { readonly status: number };

/** An http-errors style error (`status` 4xx, `expose: true`), or the router's `URIError` with status 400. */
function isClientError(error: unknown): error is ClientError {
  if (!(error instanceof Error)) return false;
  const e = error as Partial<ClientError> & { expose?: unknown };
  return (
    typeof e.status === "number" &&
    e.status >= 400 &&
    e.status < 500 &&
    (e.expose === true || error instanceof URIError)
  );
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
