import type { Model, Service } from "../../model/index.js";
import { cacheOfService, databaseOfService, GATEWAY_CACHE, usesEvents } from "./data.js";
import { configKeyOfVariable, k8sName, serviceUrlVariable, uniqueSorted } from "./names.js";
import type { InfraResources, InfraWorkload } from "./types.js";

/** The gateway's replicas when neither the environment nor stack config says otherwise. */
export const GATEWAY_REPLICAS = 2;
const GATEWAY_RESOURCES: InfraResources = {
  requests: { cpu: "250m", memory: "256Mi" },
  limits: { cpu: null, memory: "256Mi" },
};
const LOG_LEVEL = "info";

/**
 * The PodDisruptionBudget rule: the higher the availability target, the fewer pods a voluntary
 * disruption (node drain, upgrade) may take down at once. `maxUnavailable` (never `minAvailable`)
 * so that a one-replica environment can still drain its nodes.
 */
export function disruptionFor(availability: number | null): InfraWorkload["disruption"] {
  if (availability !== null && availability >= 99.9) {
    return { maxUnavailable: 1, rule: `availability ${availability}% >= 99.9%: at most one pod down at a time` };
  }
  if (availability !== null && availability >= 99) {
    return {
      maxUnavailable: "25%",
      rule: `availability ${availability}% >= 99%: at most a quarter of the pods down at a time`,
    };
  }
  const target = availability === null ? "no availability target" : `availability ${availability}% < 99%`;
  return { maxUnavailable: "50%", rule: `${target}: at most half of the pods down at a time` };
}

export function describeService(model: Model, service: Service): InfraWorkload {
  const name = k8sName(service.id);
  const availability = service.slo.availability ?? model.quality.availability?.target ?? null;
  const calls = calledServices(service);
  return {
    id: service.id,
    name,
    component: "service",
    exposed: false,
    title: service.title,
    image: `${model.deployment.registry}/${name}`,
    port: service.port,
    replicas: service.scaling.replicas,
    scaling: { min: service.scaling.min, max: service.scaling.max, targetCpu: service.scaling.targetCpu },
    resources: {
      requests: { cpu: service.resources.cpu, memory: service.resources.memory },
      limits: {
        cpu: service.resources.limits.cpu ?? null,
        memory: service.resources.limits.memory ?? service.resources.memory,
      },
    },
    availability,
    disruption: disruptionFor(availability),
    env: [...baseEnv(service.port), ...serviceUrls(model, calls)],
    database: databaseOfService(model, service),
    cache: cacheOfService(model, service),
    kafka: usesEvents(service),
    jwt: null,
    externals: calledExternals(service),
    calls: calls.map(k8sName),
    callers: callersOf(model, service),
    stores: [...service.stores],
  };
}

export function describeGateway(model: Model): InfraWorkload | null {
  const gateway = model.gateway;
  if (!gateway) return null;
  const routed = uniqueSorted(model.services.filter((s) => s.endpoints.some((e) => e.public)).map((s) => s.id));
  const availability = model.quality.availability?.target ?? null;
  return {
    id: "gateway",
    name: "gateway",
    component: "gateway",
    exposed: true,
    title: gateway.title,
    image: `${model.deployment.registry}/gateway`,
    port: gateway.port,
    replicas: GATEWAY_REPLICAS,
    scaling: null,
    resources: GATEWAY_RESOURCES,
    availability,
    disruption: disruptionFor(availability),
    env: [...baseEnv(gateway.port), ...serviceUrls(model, routed)],
    database: null,
    cache: gateway.rateLimit ? GATEWAY_CACHE : null,
    kafka: false,
    jwt: gateway.auth ? { env: gateway.auth.secretEnv, config: configKeyOfVariable(gateway.auth.secretEnv) } : null,
    externals: [],
    calls: routed.map(k8sName),
    callers: [],
    stores: [],
  };
}

function baseEnv(port: number): InfraWorkload["env"] {
  return [
    { name: "PORT", value: String(port) },
    { name: "LOG_LEVEL", value: LOG_LEVEL },
  ];
}

function serviceUrls(model: Model, ids: readonly string[]): InfraWorkload["env"] {
  return ids.map((id) => {
    const target = model.services.find((s) => s.id === id);
    return { name: serviceUrlVariable(id), value: `http://${k8sName(id)}:${target?.port ?? 80}` };
  });
}

function allCalls(service: Service) {
  return [...service.endpoints.flatMap((e) => e.calls), ...service.consumers.flatMap((c) => c.calls)];
}

function calledServices(service: Service): string[] {
  return uniqueSorted(
    allCalls(service).flatMap((c) => (c.kind === "endpoint" && c.service !== service.id ? [c.service] : [])),
  );
}

function calledExternals(service: Service): string[] {
  return uniqueSorted(allCalls(service).flatMap((c) => (c.kind === "external" ? [c.external] : [])));
}

function callersOf(model: Model, service: Service): string[] {
  const fromGateway = model.gateway && service.endpoints.some((e) => e.public) ? ["gateway"] : [];
  const fromServices = model.services
    .filter((s) => s.id !== service.id && calledServices(s).includes(service.id))
    .map((s) => k8sName(s.id));
  return uniqueSorted([...fromGateway, ...fromServices]);
}
