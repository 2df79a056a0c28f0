import type { ExternalId, ServiceId } from "../model.js";
import type { External, Model } from "../model-system.js";
import { RUNTIME_ENV, urlVariable } from "../naming.js";
import type { ComputedService, Egress, EnvNeed, EnvSource, EnvSourceKind, ServiceNeeds } from "./types.js";

/** The store name of the gateway's rate-limit Redis. */
export const GATEWAY_STORE = "gateway";

type ServiceFacts = Omit<ComputedService, "needs">;

/** The port of an external's protocol when its URL names none. */
const PROTOCOL_PORTS: Readonly<Record<External["protocol"], number>> = {
  https: 443,
  http: 80,
  grpc: 443,
  smtp: 587,
  amqp: 5672,
  kafka: 9092,
  sftp: 22,
};

/** The egress port of an external: its URL's port, else its protocol's. */
export function externalPort(external: External): number {
  const fallback = PROTOCOL_PORTS[external.protocol] ?? 443;
  if (external.url === undefined) return fallback;
  try {
    const url = new URL(external.url);
    if (url.port !== "") return Number(url.port);
    return url.protocol === "http:" ? 80 : url.protocol === "https:" ? 443 : fallback;
  } catch {
    return fallback;
  }
}

/** The variable the runtime reads the broker's address from, for the broker the deployment names. */
export function brokerVariable(model: Model): string {
  return model.deployment.broker === "rabbitmq" ? RUNTIME_ENV.amqpUrl : RUNTIME_ENV.kafkaBrokers;
}

/** The variable with the gateway's token secret, when tokens are signed with one. */
export function jwtSecretVariable(model: Model): string | undefined {
  const auth = model.gateway?.auth;
  return auth && auth.jwksUrl === undefined ? auth.secretEnv : undefined;
}

const DESCRIBE = {
  port: () => "port the HTTP server listens on",
  "log-level": () => "pino log level",
  database: () => "PostgreSQL connection string (stores, outbox, processed messages)",
  cache: (s) => `Redis URL of the ${s.kind === "cache" ? s.store : ""} cache`,
  broker: (s) =>
    s.kind === "broker" && s.broker === "rabbitmq" ? "RabbitMQ URL, amqp://..." : "Kafka brokers, host:port,...",
  "service-url": (s) => `base URL of the ${s.kind === "service-url" ? s.service : ""} service`,
  "external-url": (s) => `base URL of the external ${s.kind === "external-url" ? s.external : ""}`,
  declared: () => "declared in the spec",
  identity: (s) =>
    s.kind === "identity" && s.part === "key"
      ? "this workload's Ed25519 signing key (a JWK), which signs its requests"
      : "every workload's public key (a JWKS), which verifies who calls",
  "jwt-secret": (s) =>
    s.kind === "jwt-secret" && s.use === "sign"
      ? "secret that signs access tokens"
      : "secret that verifies access tokens",
} satisfies Record<EnvSourceKind, (source: EnvSource) => string>;

function need(name: string, source: EnvSource, description?: string): EnvNeed {
  const secret =
    source.kind === "database" ||
    source.kind === "cache" ||
    source.kind === "jwt-secret" ||
    (source.kind === "identity" && source.part === "key") ||
    (source.kind === "declared" && source.secret);
  return { name, source, secret, description: description ?? DESCRIBE[source.kind](source) };
}

/** Every workload signs what it sends and verifies who calls it. */
function identityNeeds(): EnvNeed[] {
  return [
    need(RUNTIME_ENV.identityKey, { kind: "identity", part: "key" }),
    need(RUNTIME_ENV.identityJwks, { kind: "identity", part: "trusted-keys" }),
  ];
}

function sortEnv(env: readonly EnvNeed[]): EnvNeed[] {
  const unique = new Map(env.map((e) => [e.name, e] as const));
  return [...unique.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function serviceUrls(services: readonly ServiceId[]): EnvNeed[] {
  return services.map((id) => need(urlVariable("service", id), { kind: "service-url", service: id }));
}

/** What a service needs to run, from the facts derived about it. */
export function serviceNeeds(model: Model, s: ServiceFacts): ServiceNeeds {
  const database =
    s.databaseStores.length > 0 || s.usesEvents
      ? { stores: s.databaseStores.map((d) => d.id), outbox: s.publishes.length > 0, processed: s.consumes.length > 0 }
      : null;
  const cacheStore = s.cacheStores[0];
  const cache = cacheStore ? { store: cacheStore.id } : null;
  const broker = s.usesEvents
    ? {
        publishes: s.events.filter((e) => s.publishes.includes(e.id)).map((e) => e.topic),
        consumes: s.consumers.map((c) => {
          const event = s.events.find((e) => e.id === c.event)!;
          return {
            event: c.event,
            topic: event.topic,
            group: c.group,
            ...(c.deadLetter ? { deadLetterTopic: event.deadLetterTopic } : {}),
          };
        }),
      }
    : null;
  const jwt = jwtSecretVariable(model);
  const externals = s.externals.flatMap((id) => model.externals.filter((x) => x.id === id));
  const env = sortEnv([
    need(RUNTIME_ENV.port, { kind: "port" }),
    need(RUNTIME_ENV.logLevel, { kind: "log-level" }),
    ...(database ? [need(RUNTIME_ENV.databaseUrl, { kind: "database" })] : []),
    ...(cache ? [need(RUNTIME_ENV.redisUrl, { kind: "cache", store: cache.store })] : []),
    ...(broker ? [need(brokerVariable(model), { kind: "broker", broker: model.deployment.broker })] : []),
    ...serviceUrls([...new Set(s.calls.flatMap((c) => (c.kind === "endpoint" ? [c.service] : [])))]),
    ...externals.map((x) =>
      need(urlVariable("external", x.id), { kind: "external-url", external: x.id as ExternalId }),
    ),
    ...(s.issuesTokens && jwt ? [need(jwt, { kind: "jwt-secret", use: "sign" })] : []),
    ...identityNeeds(),
    ...s.def.env.map((v) =>
      need(
        v.name,
        { kind: "declared", secret: v.secret, ...(v.default === undefined ? {} : { default: v.default }) },
        v.description,
      ),
    ),
  ]);
  const egress: Egress[] = [
    ...s.callees.map((id): Egress => ({ kind: "service", service: id, port: portOf(model, id), protocol: "http" })),
    ...externals.map(
      (x): Egress => ({ kind: "external", external: x.id, port: externalPort(x), protocol: x.protocol }),
    ),
    ...(database ? [{ kind: "database" } as const] : []),
    ...(cache ? [{ kind: "cache", store: cache.store } as const] : []),
    ...(broker ? [{ kind: "broker" } as const] : []),
  ];
  const ingress = [...(model.gateway && s.publicEndpoints.length > 0 ? (["gateway"] as const) : []), ...s.callers];
  return {
    env,
    secrets: env.filter((e) => e.secret).map((e) => e.name),
    ports: [{ name: "http", port: s.def.port }],
    database,
    cache,
    broker,
    egress,
    ingress,
  };
}

const ports = new WeakMap<Model, ReadonlyMap<string, number>>();

function portOf(model: Model, service: ServiceId): number {
  let byService = ports.get(model);
  if (!byService) {
    byService = new Map(model.services.map((s) => [s.id as string, s.port] as const));
    ports.set(model, byService);
  }
  return byService.get(service) ?? 80;
}

/** What the gateway needs to run: its port, the URLs of the services it routes to, the token secret and the rate-limit Redis. */
export function gatewayNeeds(model: Model, routed: readonly ServiceId[]): ServiceNeeds | null {
  const gateway = model.gateway;
  if (!gateway) return null;
  const jwt = jwtSecretVariable(model);
  const env = sortEnv([
    need(RUNTIME_ENV.port, { kind: "port" }),
    need(RUNTIME_ENV.logLevel, { kind: "log-level" }),
    ...serviceUrls(routed),
    ...(gateway.auth && jwt ? [need(jwt, { kind: "jwt-secret", use: "verify" })] : []),
    ...(gateway.rateLimit ? [need(RUNTIME_ENV.redisUrl, { kind: "cache", store: GATEWAY_STORE })] : []),
    ...identityNeeds(),
  ]);
  return {
    env,
    secrets: env.filter((e) => e.secret).map((e) => e.name),
    ports: [{ name: "http", port: gateway.port }],
    database: null,
    cache: gateway.rateLimit ? { store: GATEWAY_STORE } : null,
    broker: null,
    egress: [
      ...routed.map((id): Egress => ({ kind: "service", service: id, port: portOf(model, id), protocol: "http" })),
      ...(gateway.rateLimit ? [{ kind: "cache", store: GATEWAY_STORE } as const] : []),
    ],
    ingress: [],
  };
}
