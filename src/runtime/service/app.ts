import express, { type Express, type RequestHandler } from "express";
import type { Logger } from "pino";
import type { Endpoint, Model } from "../../model/index.js";
import type { HttpMetrics } from "../observability/metrics.js";
import { endpointHandler, type CompiledEndpoint } from "./endpoint.js";
import { errorHandler, fallback } from "./errors.js";
import { mountHealth, type HealthOptions } from "./health.js";
import { expressPath, pathPattern } from "../../model/path-template.js";
import type { IdentityVerifier } from "../identity/verify.js";
import { keepRawBody, verifyCaller } from "./caller.js";
import { isJsonContentType } from "./content-type.js";
import { requestScope } from "./scope.js";
import { unreachable } from "./unreachable.js";

export interface AppOptions<D> {
  /** In routing order. */
  readonly endpoints: readonly CompiledEndpoint[];
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
  /** `/healthz`, `/readyz`: mounted first, outside metrics and access logs (`/metrics` is on the admin port). */
  readonly health: HealthOptions;
  readonly bodyLimit: number | string;
  readonly deps: D;
  readonly validateResponses: boolean;
  readonly accessLog: boolean;
  /** Verifies every request's workload signature and caller before its handler; none trusts `x-user-*` headers. */
  readonly callers?: { readonly model: Model; readonly verifier: IdentityVerifier };
}

/**
 * The Express 5 app of a service: health routes, correlation scope, JSON bodies, one route per
 * endpoint, then 404/405 and the problem+json error handler.
 *
 * @example
 * const app = serviceApp({ endpoints, logger, metrics, health: { state, checks, registry }, bodyLimit: "1mb", deps, validateResponses: true, accessLog: true });
 */
export function serviceApp<D>(options: AppOptions<D>): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("case sensitive routing", true);
  mountHealth(app, options.health);
  const { callers } = options;
  app.use(
    requestScope({
      logger: options.logger,
      metrics: options.metrics,
      accessLog: options.accessLog,
      verifiesCallers: callers !== undefined,
    }),
  );
  app.use(
    express.json({
      limit: options.bodyLimit,
      type: (req) => isJsonContentType(req.headers["content-type"]),
      verify: keepRawBody,
    }),
  );
  for (const compiled of options.endpoints) {
    const { method, path } = compiled.endpoint;
    const handler = endpointHandler(compiled, options);
    if (callers)
      mount(app, method, expressPath(path), verifyCaller(callers.model, compiled.endpoint, callers.verifier), handler);
    else mount(app, method, expressPath(path), handler);
  }
  app.use(
    fallback(
      options.endpoints.map(({ endpoint }) => ({ method: endpoint.method, matcher: pathPattern(endpoint.path) })),
    ),
  );
  app.use(errorHandler(options.logger));
  return app;
}

/**
 * Mounts handlers for one spec method on an Express app or router.
 *
 * @example
 * mount(app, "GET", "/orders/:orderId", handler);
 */
export function mount(app: Express, method: Endpoint["method"], path: string, ...handlers: RequestHandler[]): void {
  switch (method) {
    case "GET":
      app.get(path, ...handlers);
      return;
    case "POST":
      app.post(path, ...handlers);
      return;
    case "PUT":
      app.put(path, ...handlers);
      return;
    case "PATCH":
      app.patch(path, ...handlers);
      return;
    case "DELETE":
      app.delete(path, ...handlers);
      return;
    default:
      unreachable(method);
  }
}
