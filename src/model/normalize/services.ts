import type {
  Auth,
  Call,
  ExternalId,
  Consumer,
  Endpoint,
  EndpointId,
  EventId,
  Parameter,
  Response,
  Service,
  ServiceId,
  StateMachineId,
  StoreId,
} from "../model.js";
import type { ConsumerInput, EndpointInput, ServiceInput } from "../schema/index.js";
import type { Path } from "../source.js";
import { optionalDuration, parseDuration, parsePercentage } from "../units.js";
import type { Resolver } from "./resolver.js";
import { schemaUse } from "./schemas.js";
import { pathParams } from "../path-template.js";

const DEFAULTS = {
  technology: "TypeScript, Express (archkit runtime)",
  timeoutMs: 5_000,
  retries: 3,
  backoffMs: 100,
  targetCpu: 70,
  cpu: "100m",
  memory: "128Mi",
} as const;

export function normalizeService(
  r: Resolver,
  id: ServiceId,
  def: ServiceInput,
  port: number,
  systemName: string,
): Service {
  const path = ["services", id];
  const replicas = def.scaling?.replicas ?? def.scaling?.min ?? 1;
  const min = def.scaling?.min ?? Math.min(replicas, Math.max(1, replicas));
  return {
    id,
    source: path,
    title: def.title ?? id,
    description: def.description,
    technology: def.technology ?? DEFAULTS.technology,
    owner: def.owner,
    port,
    responsibilities: def.responsibilities ?? [],
    stores: refs<StoreId>(r, "store", def.stores, [...path, "stores"]),
    endpoints: Object.entries(def.endpoints ?? {}).map(([name, e]) =>
      normalizeEndpoint(r, id, name, e, [...path, "endpoints", name]),
    ),
    consumers: Object.entries(def.consumes ?? {}).flatMap(([event, c]) => {
      const eventId = r.resolve<EventId>("event", event, [...path, "consumes", event], undefined, "key");
      return eventId ? [normalizeConsumer(r, id, eventId, c, [...path, "consumes", event], systemName)] : [];
    }),
    stateMachines: refs<StateMachineId>(r, "stateMachine", def.stateMachines, [...path, "stateMachines"]),
    scaling: {
      replicas,
      min,
      max: def.scaling?.max ?? Math.max(min, replicas),
      targetCpu: def.scaling?.targetCpu ?? DEFAULTS.targetCpu,
    },
    resources: {
      cpu: def.resources?.cpu ?? DEFAULTS.cpu,
      memory: def.resources?.memory ?? DEFAULTS.memory,
      limits: {
        cpu: def.resources?.limits?.cpu,
        memory: def.resources?.limits?.memory ?? def.resources?.memory ?? DEFAULTS.memory,
      },
    },
    slo: {
      p50: optionalDuration(def.slo?.p50),
      p95: optionalDuration(def.slo?.p95),
      p99: optionalDuration(def.slo?.p99),
      rps: def.slo?.rps,
      availability: percent(r, def.slo?.availability, [...path, "slo", "availability"]),
      errorRate: percent(r, def.slo?.errorRate, [...path, "slo", "errorRate"]),
    },
    env: Object.entries(def.env ?? {}).map(([name, v]) => ({
      name,
      description: v.description,
      secret: v.secret ?? false,
      default: v.default === undefined ? undefined : String(v.default),
    })),
  };
}

function normalizeEndpoint(r: Resolver, service: ServiceId, name: string, def: EndpointInput, path: Path): Endpoint {
  const isPublic = def.public ?? false;
  return {
    id: `${service}.${name}` as EndpointId,
    service,
    name,
    path: def.path,
    source: path,
    method: def.method,
    pathParams: pathParams(def.path),
    summary: def.summary,
    description: def.description,
    public: isPublic,
    auth: parseAuth(def.auth ?? (isPublic ? "required" : "none")),
    request: {
      body: def.request?.body === undefined ? undefined : schemaUse(r, def.request.body, [...path, "request", "body"]),
      params: parameters(r, def.request?.params, [...path, "request", "params"]),
      query: parameters(r, def.request?.query, [...path, "request", "query"]),
      headers: parameters(r, def.request?.headers, [...path, "request", "headers"]),
    },
    responses: Object.entries(def.responses ?? {})
      .map(
        ([status, schema]): Response => ({
          status: Number(status),
          schema: schema === null ? undefined : schemaUse(r, schema, [...path, "responses", status]),
        }),
      )
      .sort((a, b) => a.status - b.status),
    calls: calls(r, def.calls, [...path, "calls"]),
    publishes: refs<EventId>(r, "event", def.publishes, [...path, "publishes"]),
    latency: {
      p50: optionalDuration(def.latency?.p50),
      p95: optionalDuration(def.latency?.p95),
      p99: optionalDuration(def.latency?.p99),
    },
    timeoutMs: def.timeout === undefined ? DEFAULTS.timeoutMs : parseDuration(def.timeout),
    idempotent: def.idempotent ?? ["GET", "PUT", "DELETE"].includes(def.method),
    tags: def.tags ?? [],
  };
}

function normalizeConsumer(
  r: Resolver,
  service: ServiceId,
  event: EventId,
  def: ConsumerInput,
  path: Path,
  systemName: string,
): Consumer {
  return {
    service,
    event,
    source: path,
    handler: def.handler ?? `on${event}`,
    description: def.description,
    retries: def.retries ?? DEFAULTS.retries,
    backoffMs: def.backoff === undefined ? DEFAULTS.backoffMs : parseDuration(def.backoff),
    deadLetter: def.deadLetter ?? false,
    calls: calls(r, def.calls, [...path, "calls"]),
    publishes: refs<EventId>(r, "event", def.publishes, [...path, "publishes"]),
    group: def.group ?? `${systemName}.${service}`,
  };
}

export function parseAuth(text: string): Auth {
  if (text === "none" || text === "required") return { kind: text };
  return { kind: "role", role: text.slice("role:".length) };
}

function parameters(r: Resolver, record: Readonly<Record<string, unknown>> | undefined, path: Path): Parameter[] {
  return Object.entries(record ?? {}).map(([name, schema]) => ({
    name,
    schema: schemaUse(r, schema as string | Record<string, unknown>, [...path, name]),
  }));
}

function refs<T extends string>(
  r: Resolver,
  kind: "store" | "event" | "stateMachine",
  names: readonly string[] | undefined,
  path: Path,
): T[] {
  return (names ?? []).flatMap((name, i) => {
    const id = r.resolve<T>(kind, name, [...path, i]);
    return id ? [id] : [];
  });
}

function calls(r: Resolver, names: readonly string[] | undefined, path: Path): Call[] {
  return (names ?? []).flatMap((name, i): Call[] => {
    const at = [...path, i];
    const [service, endpoint] = name.split(".") as [string, string | undefined];
    if (endpoint === undefined) {
      if (r.has("external", name)) return [{ kind: "external", external: name as ExternalId, source: at }];
      const hint = r.has("service", name) ? "to call a service, name the endpoint: `<service>.<endpoint>`" : undefined;
      if (hint)
        r.report("unknownReference", at, { message: `call \`${name}\` names a service, not an endpoint`, hint });
      else
        r.unknown(
          "external",
          name,
          at,
          r.allNames("external"),
          "(a call is `<service>.<endpoint>` or the name of an external)",
        );
      return [];
    }
    if (!r.has("service", service)) {
      r.unknown("service", service, at, r.allNames("service"), `in call \`${name}\``);
      return [];
    }
    const siblings = [...r.allNames("endpoint")].filter((e) => e.startsWith(`${service}.`));
    const target = r.resolve<EndpointId>("endpoint", name, at, siblings);
    return target ? [{ kind: "endpoint", target, service: service as ServiceId, endpoint, source: at }] : [];
  });
}

function percent(r: Resolver, text: string | undefined, path: Path): number | undefined {
  if (text === undefined) return undefined;
  const value = parsePercentage(text);
  if (value > 100) r.report("invalidPercentage", path, { message: `${text} is above 100%` });
  return value;
}

export { percent };
