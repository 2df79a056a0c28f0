import type { IncomingHttpHeaders } from "node:http";
import { performance } from "node:perf_hooks";
import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { acceptCorrelationId, CORRELATION_HEADER, type CorrelationContext } from "../observability/correlation.js";
import type { HttpMetrics } from "../observability/metrics.js";
import type { VerifiedIdentity } from "../identity/token.js";
import type { UserIdentity } from "./types.js";

/** Headers a service passes on to the services it calls. */
export const FORWARDED_HEADERS = ["authorization", "x-user-id", "x-user-roles"] as const;

/**
 * What the host knows about one request while it runs; also its correlation context.
 *
 * @example
 * const scope = new RequestScope("req-1", logger, { authorization: "Bearer ..." });
 * scope.log.info("hello"); // carries correlationId "req-1"
 */
export class RequestScope implements CorrelationContext {
  readonly startedAt = performance.now();
  /** The route template once a route matched; the metrics label. */
  route = "unmatched";
  /** The validated request once it passed validation: where a database error's value is looked up. */
  input?: unknown;
  /** The caller's verified workload signature, when the service verifies callers. */
  identity?: VerifiedIdentity;
  private child?: Logger;

  constructor(
    readonly correlationId: string,
    private readonly logger: Logger,
    readonly forwardHeaders: Readonly<Record<string, string>>,
    /** Whether the user comes from a verified signature only; otherwise from `x-user-*` headers. */
    private readonly verifies = false,
  ) {}

  /** A child logger carrying the correlation id, made on first use. */
  get log(): Logger {
    this.child ??= this.logger.child({ correlationId: this.correlationId });
    return this.child;
  }

  get user(): UserIdentity | undefined {
    if (this.verifies) return this.identity?.user;
    const id = this.forwardHeaders["x-user-id"];
    if (id === undefined) return undefined;
    const roles = this.forwardHeaders["x-user-roles"] ?? "";
    return {
      id,
      roles: roles
        .split(",")
        .map((r) => r.trim())
        .filter((r) => r !== ""),
    };
  }
}

/**
 * The scope the first middleware attached to `res`.
 *
 * @example
 * scopeOf(res).route = "/orders/{orderId}";
 */
export function scopeOf(res: Response): RequestScope {
  return (res.locals as { scope: RequestScope }).scope;
}

export interface ScopeOptions {
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
  /** One info line per request (errors are always logged); default true. */
  readonly accessLog?: boolean;
  /** The user comes only from a verified workload signature, never from `x-user-*` headers. */
  readonly verifiesCallers?: boolean;
}

/**
 * First middleware: accepts or makes the correlation id, echoes it, and when the response is done
 * records the metrics and one access-log line.
 *
 * @example
 * app.use(requestScope({ logger, metrics }));
 */
export function requestScope(options: ScopeOptions): RequestHandler {
  return (req, res, next) => {
    const scope = new RequestScope(
      acceptCorrelationId(req.headers[CORRELATION_HEADER]),
      options.logger,
      forwarded(req.headers),
      options.verifiesCallers ?? false,
    );
    (res.locals as { scope: RequestScope }).scope = scope;
    res.setHeader(CORRELATION_HEADER, scope.correlationId);
    res.once("close", () => finished(options, req, res, scope));
    next();
  };
}

function finished(options: ScopeOptions, req: Request, res: Response, scope: RequestScope): void {
  const seconds = (performance.now() - scope.startedAt) / 1000;
  const status = res.writableFinished ? res.statusCode : 499;
  options.metrics.observe(req.method, scope.route, status, seconds);
  if (status < 500 && options.accessLog === false) return;
  const line = {
    correlationId: scope.correlationId,
    method: req.method,
    route: scope.route,
    status,
    durationMs: Math.round(seconds * 1e4) / 10,
  };
  if (status >= 500) options.logger.error(line, "request failed");
  else options.logger.info(line, "request completed");
}

function forwarded(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") out[name] = value;
  }
  return out;
}
