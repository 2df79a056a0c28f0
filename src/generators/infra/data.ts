import type { Model, Service, Store } from "../../model/index.js";
import { externalUrlVariable, k8sName, sqlName, topicObjectName, uniqueSorted, byText } from "./names.js";
import type { InfraCache, InfraDatabase, InfraExternal, InfraKafka, InfraTopic } from "./types.js";

/** The Redis of the gateway's rate limits. */
export const GATEWAY_CACHE = "gateway-redis";
export const KAFKA_PORT = 9092;

function storesOf(model: Model, service: Service): Store[] {
  return service.stores.flatMap((id) => model.stores.filter((s) => s.id === id));
}

function hasDatabase(model: Model, service: Service): boolean {
  return storesOf(model, service).some((s) => s.kind === "postgres" || s.kind === "document");
}

/** Kubernetes name of the service's PostgreSQL, if it has postgres or document stores. */
export function databaseOfService(model: Model, service: Service): string | null {
  return hasDatabase(model, service) ? `${k8sName(service.id)}-postgres` : null;
}

/** Kubernetes name of the Redis of the service's first cache store, if any. */
export function cacheOfService(model: Model, service: Service): string | null {
  const cache = storesOf(model, service).find((s) => s.kind === "cache");
  return cache ? `${k8sName(cache.id)}-redis` : null;
}

export function usesEvents(service: Service): boolean {
  return (
    service.consumers.length > 0 ||
    service.endpoints.some((e) => e.publishes.length > 0) ||
    service.consumers.some((c) => c.publishes.length > 0)
  );
}

export function describeDatabases(model: Model): InfraDatabase[] {
  return model.services
    .filter((service) => hasDatabase(model, service))
    .map((service) => ({
      name: `${k8sName(service.id)}-postgres`,
      service: k8sName(service.id),
      database: sqlName(service.id),
      user: sqlName(service.id),
      stores: storesOf(model, service)
        .filter((s) => s.kind !== "cache")
        .map((s) => s.id),
      urlConfig: `${service.id}DatabaseUrl`,
    }));
}

export function describeCaches(model: Model): InfraCache[] {
  const stores = model.stores.flatMap((store): InfraCache[] =>
    store.kind === "cache" && store.usedBy.length > 0
      ? [
          {
            name: `${k8sName(store.id)}-redis`,
            store: store.id,
            clients: uniqueSorted(store.usedBy.map(k8sName)),
            urlConfig: `${store.id}RedisUrl`,
          },
        ]
      : [],
  );
  const gateway: InfraCache[] = model.gateway?.rateLimit
    ? [{ name: GATEWAY_CACHE, store: "gateway", clients: ["gateway"], urlConfig: "gatewayRedisUrl" }]
    : [];
  return [...stores, ...gateway];
}

export function describeKafka(model: Model): InfraKafka | null {
  const clients = uniqueSorted(model.services.filter(usesEvents).map((s) => k8sName(s.id)));
  if (clients.length === 0 || model.events.length === 0) return null;
  return {
    cluster: `${model.system.name}-kafka`,
    port: KAFKA_PORT,
    clients,
    brokersConfig: "kafkaBrokers",
    topics: describeTopics(model),
  };
}

/** Every event topic and, where a consumer dead-letters, its dead-letter topic (as the runtime creates them). */
function describeTopics(model: Model): InfraTopic[] {
  const topics = new Map<string, InfraTopic>();
  const add = (topic: InfraTopic) => {
    const known = topics.get(topic.topic);
    topics.set(
      topic.topic,
      known
        ? {
            ...known,
            partitions: Math.max(known.partitions, topic.partitions),
            retentionMs: Math.max(known.retentionMs, topic.retentionMs),
          }
        : topic,
    );
  };
  for (const event of model.events) {
    const topic = (name: string, deadLetter: boolean): InfraTopic => ({
      name: topicObjectName(name),
      topic: name,
      event: event.id,
      partitions: event.partitions,
      retentionMs: event.retentionMs,
      deadLetter,
    });
    add(topic(event.topic, false));
    const deadLettered = model.services.some((s) => s.consumers.some((c) => c.event === event.id && c.deadLetter));
    if (deadLettered) add(topic(event.deadLetterTopic, true));
  }
  return [...topics.values()].sort((a, b) => byText(a.topic, b.topic));
}

export function describeExternals(model: Model): InfraExternal[] {
  const called = new Set(
    model.services
      .flatMap((s) => [...s.endpoints.flatMap((e) => e.calls), ...s.consumers.flatMap((c) => c.calls)])
      .flatMap((c) => (c.kind === "external" ? [c.external as string] : [])),
  );
  return model.externals
    .filter((x) => called.has(x.id))
    .map((x) => ({
      id: x.id,
      title: x.title,
      env: externalUrlVariable(x.id),
      url: x.url ?? null,
      urlConfig: `${x.id}Url`,
      port: portOf(x.url),
    }));
}

/** The egress port of an external: the URL's port, 80 for plain http, else 443. */
function portOf(url: string | undefined): number {
  if (url === undefined) return 443;
  try {
    const parsed = new URL(url);
    if (parsed.port !== "") return Number(parsed.port);
    return parsed.protocol === "http:" ? 80 : 443;
  } catch {
    return 443;
  }
}
