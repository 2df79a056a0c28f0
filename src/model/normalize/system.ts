import type { ActorId, EndpointId, ExternalId, FlowId, ServiceId } from "../model.js";
import type {
  Actor,
  Client,
  Decision,
  Deployment,
  External,
  Flow,
  Gateway,
  Quality,
  SystemInfo,
} from "../model-system.js";
import { optionalDuration, parseDuration, parsePercentage } from "../units.js";
import type { Resolver } from "./resolver.js";
import { percent } from "./services.js";

export const GATEWAY_PORT = 3000;

export function normalizeSystem(r: Resolver): SystemInfo {
  const s = r.spec.system;
  return {
    name: s.name,
    title: s.title,
    description: s.description,
    purpose: s.purpose,
    scope: s.scope,
    style: s.style ?? "microservices",
    status: s.status ?? "draft",
    version: s.version ?? "0.1.0",
    owner: s.owner,
    date: s.date,
    constraints: (s.constraints ?? []).map((c) => (typeof c === "string" ? { text: c } : c)),
    principles: s.principles ?? [],
    requirements: { functional: s.requirements?.functional ?? [], nonFunctional: s.requirements?.nonFunctional ?? [] },
  };
}

/** What every entry of a named section (actors, externals, clients) starts with: its id, where it stands, title and description. */
function entry<Id extends string = string>(
  section: "actors" | "externals" | "clients",
  id: string,
  spec: { readonly title: string; readonly description?: string },
): { id: Id; source: [string, string]; title: string; description: string | undefined } {
  return { id: id as Id, source: [section, id], title: spec.title, description: spec.description };
}

export function normalizeActors(r: Resolver): Actor[] {
  return Object.entries(r.spec.actors ?? {}).map(([id, a]) => entry<ActorId>("actors", id, a));
}

export function normalizeExternals(r: Resolver): External[] {
  return Object.entries(r.spec.externals ?? {}).map(([id, e]) => ({
    ...entry<ExternalId>("externals", id, e),
    protocol: e.protocol ?? "https",
    url: e.url,
    latency: { p95: optionalDuration(e.latency?.p95), p99: optionalDuration(e.latency?.p99) },
  }));
}

export function normalizeClients(r: Resolver): Client[] {
  return Object.entries(r.spec.clients ?? {}).map(([id, c]) => ({
    ...entry("clients", id, c),
    technology: c.technology,
    actor: c.actor === undefined ? undefined : r.resolve<ActorId>("actor", c.actor, ["clients", id, "actor"]),
    responsibilities: c.responsibilities ?? [],
  }));
}

export function normalizeGateway(r: Resolver): Gateway | undefined {
  const g = r.spec.gateway;
  if (!g) return undefined;
  return {
    source: ["gateway"],
    title: g.title ?? "API Gateway",
    description: g.description,
    port: g.port ?? GATEWAY_PORT,
    auth: g.auth && {
      kind: g.auth.kind,
      issuer: g.auth.issuer,
      audience: g.auth.audience,
      secretEnv: g.auth.secretEnv ?? "JWT_SECRET",
      jwksUrl: g.auth.jwksUrl,
      algorithms: g.auth.algorithms ?? (g.auth.jwksUrl ? ["RS256"] : ["HS256"]),
      rolesClaim: g.auth.rolesClaim ?? "roles",
      issuedBy: (g.auth.issuedBy ?? []).flatMap((name, i) => {
        const id = r.resolve<ServiceId>("service", name, ["gateway", "auth", "issuedBy", i]);
        return id ? [id] : [];
      }),
    },
    rateLimit: g.rateLimit && { requests: g.rateLimit.requests, perMs: parseDuration(g.rateLimit.per) },
    cors: g.cors && { origins: g.cors.origins, credentials: g.cors.credentials ?? false },
    timeoutMs: g.timeout === undefined ? 10_000 : parseDuration(g.timeout),
  };
}

export function normalizeFlows(r: Resolver): Flow[] {
  return Object.entries(r.spec.flows ?? {}).flatMap(([id, f]): Flow[] => {
    const path = ["flows", id];
    const entry = r.resolve<EndpointId>("endpoint", f.entry, [...path, "entry"]);
    const actor = f.actor === undefined ? undefined : r.resolve<ActorId>("actor", f.actor, [...path, "actor"]);
    if (!entry) return [];
    return [
      {
        id: id as FlowId,
        source: path,
        title: f.title,
        description: f.description,
        actor,
        entry,
        slo: { p95: optionalDuration(f.slo?.p95), p99: optionalDuration(f.slo?.p99), rps: f.slo?.rps },
        steps: (f.steps ?? []).map((s) =>
          typeof s === "string" ? { text: s, details: [] } : { text: s.step, details: s.details },
        ),
        example: f.example && {
          body: f.example.body,
          params: f.example.params ?? {},
          query: f.example.query ?? {},
          headers: f.example.headers ?? {},
        },
      },
    ];
  });
}

export function normalizeQuality(r: Resolver): Quality {
  const q = r.spec.quality ?? {};
  return {
    latency: {
      p50: optionalDuration(q.latency?.p50),
      p95: optionalDuration(q.latency?.p95),
      p99: optionalDuration(q.latency?.p99),
      max: optionalDuration(q.latency?.max),
    },
    throughputRps: q.throughput?.rps,
    availability: q.availability && {
      target:
        percent(r, q.availability.target, ["quality", "availability", "target"]) ??
        parsePercentage(q.availability.target),
      rtoMs: optionalDuration(q.availability.rto),
      rpoMs: optionalDuration(q.availability.rpo),
    },
    scalability: { ...q.scalability },
    security: {
      tls: q.security?.tls === undefined ? undefined : String(q.security.tls),
      encryptionAtRest: q.security?.encryptionAtRest,
      authentication: q.security?.authentication,
      authorization: q.security?.authorization,
      compliance: q.security?.compliance ?? [],
    },
  };
}

export function normalizeDecisions(r: Resolver): Decision[] {
  return (r.spec.decisions ?? []).map((d, i) => ({
    ...d,
    source: ["decisions", i],
    consequences: { gained: d.consequences?.gained ?? [], costs: d.consequences?.costs ?? [] },
    alternatives: d.alternatives ?? [],
  }));
}

export function normalizeDeployment(r: Resolver, systemName: string): Deployment {
  const d = r.spec.deployment;
  const environments = Object.entries(d?.environments ?? { dev: {} }).map(([name, e]) => ({
    name,
    description: e.description,
    replicas: e.replicas,
    ingress: e.ingress && { host: e.ingress.host, tls: e.ingress.tls ?? true },
    infrastructure: e.infrastructure ?? "in-cluster",
    ...(e.mesh ? { mesh: e.mesh } : {}),
    ...(e.storage ? { storage: { class: e.storage.class, encrypted: e.storage.encrypted ?? false } } : {}),
  }));
  return {
    platform: "kubernetes",
    registry: d?.registry ?? `registry.local/${systemName}`,
    namespace: d?.namespace ?? systemName,
    environments,
    strategy: d?.strategy,
    broker: d?.broker ?? "kafka",
  };
}
