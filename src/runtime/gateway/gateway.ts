import { computeModel } from "../../model/computed/index.js";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { Agent } from "undici";
import type { Gateway, Model } from "../../model/index.js";
import { RUNTIME_ENV, urlVariable } from "../../model/naming.js";
import { identityFromEnv } from "../identity/env.js";
import { GATEWAY_WORKLOAD } from "../identity/keys.js";
import { createLogger } from "../observability/logger.js";
import { createHttpMetrics, createMetricsRegistry } from "../observability/metrics.js";
import { adminApp } from "../service/health.js";
import { createLifecycle, hostFor, type Host } from "../service/lifecycle.js";
import { orderRoutes } from "../service/routes.js";
import { gatewayApp } from "./app.js";
import { createRateLimiter, type RateLimiter } from "./rate-limit.js";
import type { GatewayOptions } from "./types.js";
import { createVerifier } from "./verify.js";

export interface GatewayHost extends Host {
  readonly logger: Logger;
  readonly registry: Registry;
}

/**
 * The API gateway: one Express app routing every public endpoint to its service, verifying JWTs,
 * rate limiting, CORS and helmet headers, with `/healthz` and `/readyz`; `/metrics` is served on the
 * admin port only (`adminPort` in naming.ts), which routes nothing.
 *
 * @example
 * const gateway = createGateway({ model, targets: { orders: "http://orders:3000" } });
 * await gateway.listen(8080);
 */
export function createGateway(options: GatewayOptions): GatewayHost {
  const gateway = gatewayOf(options.model);
  const env = options.env ?? process.env;
  const logger =
    options.logger ?? createLogger({ name: "gateway", sensitive: computeModel(options.model).sensitiveFields });
  const registry = options.registry ?? createMetricsRegistry({ labels: { service: "gateway" } });
  const routes = orderRoutes(computeModel(options.model).routes).map((endpoint) => ({
    endpoint,
    baseUrl: targetUrl(endpoint.service, options.targets, env),
  }));
  const verify = gateway.auth ? createVerifier(gateway.auth, env[gateway.auth.secretEnv]) : undefined;
  const limiter = rateLimiterOf(options, gateway, env);
  const { signer } = identityFromEnv(env, GATEWAY_WORKLOAD);
  if (!signer) logger.warn(`${RUNTIME_ENV.identityKey} is unset: the gateway forwards requests unsigned`);
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 256 });
  const lifecycle = createLifecycle({
    logger,
    defaultPort: gateway.port,
    shutdown: options.shutdown,
    stopDependencies: async () => {
      await dispatcher.close();
      await limiter?.close();
    },
  });
  const checks = limiter ? [{ name: "rateLimitStore", check: limiter.ready }] : [];
  const app = gatewayApp({
    gateway,
    realm: options.model.system.name,
    routes,
    verify,
    ...(signer ? { signer } : {}),
    logger,
    metrics: createHttpMetrics(registry),
    health: { state: lifecycle.state, checks, registry },
    rateLimit: limiter?.middleware,
    dispatcher,
    trustProxy: options.trustProxy ?? false,
    accessLog: options.accessLog ?? true,
  });
  const admin = adminApp({ state: lifecycle.state, checks, registry });
  return { ...hostFor(app, lifecycle, admin), logger, registry };
}

function gatewayOf(model: Model): Gateway {
  if (!model.gateway) throw new Error("the spec declares no gateway");
  const needsAuth = computeModel(model).routes.some((e) => e.auth.kind !== "none");
  if (needsAuth && !model.gateway.auth) throw new Error("public endpoints need auth, but the gateway declares none");
  return model.gateway;
}

function targetUrl(
  service: string,
  targets: GatewayOptions["targets"],
  env: Readonly<Record<string, string | undefined>>,
): string {
  const variable = urlVariable("service", service);
  const url = targets?.[service] ?? env[variable];
  if (url === undefined || url === "")
    throw new Error(`no base URL for service ${service}: set ${variable} or pass targets.${service}`);
  return url.replace(/\/+$/, "");
}

function rateLimiterOf(
  options: GatewayOptions,
  gateway: Gateway,
  env: Readonly<Record<string, string | undefined>>,
): RateLimiter | undefined {
  if (!gateway.rateLimit) return undefined;
  return createRateLimiter({
    requests: gateway.rateLimit.requests,
    perMs: gateway.rateLimit.perMs,
    redisUrl: env.REDIS_URL === "" ? undefined : env.REDIS_URL,
    prefix: `${options.model.system.name}:rate-limit:`,
    store: options.rateLimitStore,
  });
}
