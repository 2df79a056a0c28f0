import type { ComputedModel, ComputedService, ServiceNeeds } from "../../model/index.js";
import { brokerOfService, cacheOfService, databaseOfService, GATEWAY_CACHE } from "./data.js";
import { adminPort } from "../../model/naming.js";
import { configKeyOfVariable, IDENTITY_SECRET, k8sName, uniqueSorted } from "./names.js";
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

export function describeService(computed: ComputedModel, service: ComputedService): InfraWorkload {
  const { model } = computed;
  const def = service.def;
  const name = k8sName(service.id);
  const availability = def.slo.availability ?? model.quality.availability?.target ?? null;
  const jwt = service.needs.env.find((e) => e.source.kind === "jwt-secret");
  return {
    id: service.id,
    name,
    component: "service",
    exposed: false,
    title: def.title,
    image: `${model.deployment.registry}/${name}`,
    port: def.port,
    adminPort: adminPort(def.port),
    replicas: def.scaling.replicas,
    scaling: { min: def.scaling.min, max: def.scaling.max, targetCpu: def.scaling.targetCpu },
    resources: {
      requests: { cpu: def.resources.cpu, memory: def.resources.memory },
      limits: { cpu: def.resources.limits.cpu ?? null, memory: def.resources.limits.memory ?? def.resources.memory },
    },
    availability,
    disruption: disruptionFor(availability),
    env: plainEnv(computed, service.needs),
    database: databaseOfService(service),
    cache: cacheOfService(service),
    broker: brokerOfService(service),
    jwt: jwt ? { env: jwt.name, config: configKeyOfVariable(jwt.name) } : null,
    identity: identityOf(service.needs),
    config: declaredConfig(service),
    externals: [...service.externals],
    calls: service.callees.map(k8sName),
    callers: uniqueSorted(service.needs.ingress.map(k8sName)),
    stores: [...def.stores],
  };
}

export function describeGateway(computed: ComputedModel): InfraWorkload | null {
  const { model } = computed;
  const gateway = model.gateway;
  if (!gateway || !computed.gateway) return null;
  const needs = computed.gateway.needs;
  const availability = model.quality.availability?.target ?? null;
  const jwt = needs.env.find((e) => e.source.kind === "jwt-secret");
  return {
    id: "gateway",
    name: "gateway",
    component: "gateway",
    exposed: true,
    title: gateway.title,
    image: `${model.deployment.registry}/gateway`,
    port: gateway.port,
    adminPort: adminPort(gateway.port),
    replicas: GATEWAY_REPLICAS,
    scaling: null,
    resources: GATEWAY_RESOURCES,
    availability,
    disruption: disruptionFor(availability),
    env: plainEnv(computed, needs),
    database: null,
    cache: needs.cache ? GATEWAY_CACHE : null,
    broker: null,
    jwt: jwt ? { env: jwt.name, config: configKeyOfVariable(jwt.name) } : null,
    identity: identityOf(needs),
    config: [],
    externals: [],
    calls: uniqueSorted(computed.gateway.routed.map((s) => k8sName(s.id))),
    callers: [],
    stores: [],
  };
}

/** The workload's identity variables, as its needs name them. */
function identityOf(needs: ServiceNeeds): InfraWorkload["identity"] {
  const named = (part: "key" | "trusted-keys") =>
    needs.env.find((e) => e.source.kind === "identity" && e.source.part === part)?.name ?? "";
  return { keyEnv: named("key"), jwksEnv: named("trusted-keys"), config: IDENTITY_SECRET };
}

/** The variables the spec declares for the service's own code: stack setting `<service><Variable>`. */
function declaredConfig(service: ComputedService): InfraWorkload["config"] {
  return service.needs.env.flatMap((e) =>
    e.source.kind === "declared"
      ? [
          {
            env: e.name,
            config: `${service.id}${configKeyOfVariable(e.name).replace(/^./, (c) => c.toUpperCase())}`,
            secret: e.source.secret,
            value: e.source.default ?? null,
          },
        ]
      : [],
  );
}

/** The variables with plain values: the port, the log level and the URLs of called services (in-cluster DNS). */
function plainEnv(computed: ComputedModel, needs: ServiceNeeds): InfraWorkload["env"] {
  return needs.env.flatMap((e) => {
    switch (e.source.kind) {
      case "port":
        return [{ name: e.name, value: String(needs.ports[0]?.port ?? 80) }];
      case "log-level":
        return [{ name: e.name, value: LOG_LEVEL }];
      case "service-url": {
        const id = e.source.service;
        return [{ name: e.name, value: `http://${k8sName(id)}:${computed.service(id).def.port}` }];
      }
      default:
        return [];
    }
  });
}
