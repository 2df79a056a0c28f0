import cors from "cors";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { Endpoint, Gateway } from "../../model/index.js";
import type { HttpMetrics } from "../observability/metrics.js";
import { mount } from "../service/app.js";
import { errorHandler, fallback } from "../service/errors.js";
import { mountHealth, type HealthOptions } from "../service/health.js";
import { expressPath, pathPattern } from "../../model/path-template.js";
import { requestScope, scopeOf } from "../service/scope.js";
import { authenticate } from "./auth.js";
import type { IdentitySigner } from "../identity/token.js";
import { proxyTo } from "./proxy.js";
import type { Verifier } from "./verify.js";

export interface GatewayAppOptions {
  readonly gateway: Gateway;
  readonly realm: string;
  /** Public endpoints in routing order, each with its service's base URL. */
  readonly routes: readonly { readonly endpoint: Endpoint; readonly baseUrl: string }[];
  readonly verify?: Verifier;
  /** Signs every forwarded request as the gateway (`x-archkit-identity`). */
  readonly signer?: IdentitySigner;
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
  readonly health: HealthOptions;
  readonly rateLimit?: RequestHandler;
  readonly dispatcher: Dispatcher;
  readonly trustProxy: boolean | number | string;
  readonly accessLog: boolean;
}

/**
 * The gateway's Express app: helmet, CORS, health, correlation scope, rate limit, then per public
 * endpoint its auth check and the proxy; 404/405 and problem+json errors last.
 *
 * @example
 * const app = gatewayApp({ gateway, realm: "shop", routes, verify, logger, metrics, health: { state, checks: [], registry }, dispatcher, trustProxy: false, accessLog: true });
 */
export function gatewayApp(options: GatewayAppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("case sensitive routing", true);
  app.set("trust proxy", options.trustProxy);
  app.use(helmet(helmetOptions(options.gateway)));
  if (options.gateway.cors) app.use(cors(corsOptions(options.gateway.cors)));
  mountHealth(app, options.health);
  app.use(requestScope({ logger: options.logger, metrics: options.metrics, accessLog: options.accessLog }));
  if (options.rateLimit) app.use(options.rateLimit);
  for (const { endpoint, baseUrl } of options.routes) {
    const proxy = proxyTo({
      baseUrl,
      service: endpoint.service,
      timeoutMs: options.gateway.timeoutMs,
      dispatcher: options.dispatcher,
      ...(options.signer ? { signer: options.signer } : {}),
    });
    mount(
      app,
      endpoint.method,
      expressPath(endpoint.path),
      routeLabel(endpoint.path),
      authenticate(endpoint.auth, options.verify, options.realm),
      proxy,
    );
  }
  app.use(
    fallback(options.routes.map(({ endpoint }) => ({ method: endpoint.method, matcher: pathPattern(endpoint.path) }))),
  );
  app.use(errorHandler(options.logger));
  return app;
}

/** Names the matched route for the access log and metrics before auth can answer 401 or 403. */
function routeLabel(route: string): RequestHandler {
  return (_req, res, next) => {
    scopeOf(res).route = route;
    next();
  };
}

/** An API serves no HTML: the strictest content policy, and readable cross-origin when CORS allows it. */
function helmetOptions(gateway: Gateway): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: gateway.cors ? "cross-origin" : "same-origin" },
  };
}

function corsOptions(config: NonNullable<Gateway["cors"]>): cors.CorsOptions {
  const any = config.origins.includes("*");
  return {
    origin: any ? (config.credentials ? true : "*") : [...config.origins],
    credentials: config.credentials,
    exposedHeaders: ["x-request-id", "retry-after", "ratelimit", "ratelimit-policy", "location"],
    maxAge: 600,
  };
}
