import { computeModel } from "../../model/computed/index.js";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Model, Service } from "../../model/index.js";
import { closeClients } from "../clients/close.js";
import { createLogger } from "../observability/logger.js";
import { createHttpMetrics, createMetricsRegistry } from "../observability/metrics.js";
import { runtimeAjv } from "../../model/ajv.js";
import { serviceApp } from "./app.js";
import type { CompiledEndpoint } from "./endpoint.js";
import { adminApp, type ReadinessCheck } from "./health.js";
import { createLifecycle, hostFor, type Host } from "./lifecycle.js";
import { orderRoutes } from "./routes.js";
import type { HandlerMap, HandlersOf, ServiceDefinition, ServiceDeps } from "./types.js";
import { compileValidators } from "./validation.js";

/** A running (or ready to run) service. */
export interface ServiceHost extends Host {
  readonly service: Service;
  readonly logger: Logger;
  readonly registry: Registry;
}

/**
 * The service host: an Express 5 app serving the endpoints of one service of the model with the
 * given handlers. Validators are compiled here, once; a missing handler is an error here, not at
 * the first request. Each handler's `ctx.deps` is `depsOf(endpoint name)` when given, else `deps`.
 *
 * @example
 * const host = createService({ model, service: "orders" }, handlers, { db, bus });
 * await host.listen(3000);
 */
export function createService<H, D extends ServiceDeps = ServiceDeps>(
  def: ServiceDefinition,
  handlers: HandlersOf<H>,
  deps: D = {} as D,
  depsOf?: (endpoint: string) => unknown,
): ServiceHost {
  const service = findService(def.model, def.service);
  const logger = deps.logger ?? createLogger({ name: service.id, sensitive: computeModel(def.model).sensitiveFields });
  const registry = deps.registry ?? createMetricsRegistry({ labels: { service: service.id } });
  const endpoints = compileEndpoints(def.model, service, handlers as HandlerMap, logger).map((compiled) =>
    depsOf ? { ...compiled, deps: depsOf(compiled.endpoint.name) } : compiled,
  );
  const lifecycle = createLifecycle({
    logger,
    defaultPort: service.port,
    shutdown: def.shutdown,
    stopDependencies: () => stopDependencies(deps, logger),
  });
  const app = serviceApp({
    endpoints,
    logger,
    metrics: createHttpMetrics(registry),
    health: { state: lifecycle.state, checks: readinessChecks(deps), registry },
    bodyLimit: def.bodyLimit ?? "1mb",
    deps,
    validateResponses: def.validateResponses ?? true,
    accessLog: def.accessLog ?? true,
    ...(def.verifier ? { callers: { model: def.model, verifier: def.verifier } } : {}),
  });
  const admin = adminApp({ state: lifecycle.state, checks: readinessChecks(deps), registry });
  return { ...hostFor(app, lifecycle, admin), service, logger, registry };
}

function findService(model: Model, id: string): Service {
  const service = computeModel(model).findService(id);
  if (service) return service.def;
  throw new Error(`no service "${id}" in the model; services: ${model.services.map((s) => s.id).join(", ")}`);
}

function compileEndpoints(model: Model, service: Service, handlers: HandlerMap, logger: Logger): CompiledEndpoint[] {
  const missing = service.endpoints.filter((e) => typeof handlers[e.name] !== "function").map((e) => e.name);
  if (missing.length > 0) throw new Error(`service ${service.id} has no handler for: ${missing.join(", ")}`);
  const known = new Set([...service.endpoints.map((e) => e.name), ...service.consumers.map((c) => c.handler)]);
  const extra = Object.keys(handlers).filter((name) => !known.has(name));
  if (extra.length > 0)
    logger.warn({ handlers: extra }, `handlers that match no endpoint of ${service.id}: ${extra.join(", ")}`);
  const ajv = runtimeAjv(model);
  return orderRoutes(service.endpoints).map((endpoint) => ({
    endpoint,
    validators: compileValidators(endpoint, ajv),
    handler: handlers[endpoint.name] as HandlerMap[string],
  }));
}

function readinessChecks(deps: ServiceDeps): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [];
  const { db, bus } = deps;
  if (db) checks.push({ name: "db", check: () => db.ping() });
  if (bus) checks.push({ name: "bus", check: () => bus.ready() });
  return checks;
}

/** Consumers first (they may still write), then clients, pools and whatever else was handed over. */
async function stopDependencies(deps: ServiceDeps, logger: Logger): Promise<void> {
  const steps: [string, (() => Promise<void>) | undefined][] = [
    ["bus", deps.bus && (() => deps.bus!.stop())],
    ["clients", () => closeClients(deps.clients)],
    ["db", deps.db && (() => deps.db!.close())],
    ["cache", deps.cache && (() => deps.cache!.close())],
    ...(deps.closeables ?? []).map((c, i): [string, () => Promise<void>] => [`closeable ${i}`, () => c.close()]),
  ];
  for (const [name, stop] of steps) {
    if (!stop) continue;
    try {
      await stop();
    } catch (error) {
      logger.error({ err: error }, `stopping ${name} failed`);
    }
  }
}
