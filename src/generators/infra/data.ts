import { rabbitmqPermissions } from "../../runtime/events/rabbitmq-permissions.js";
import {
  cacheObjectName,
  type ComputedModel,
  type ComputedService,
  databaseObjectName,
  externalPort,
} from "../../model/index.js";
import { byText, k8sName, sqlName, topicObjectName, uniqueSorted, urlVariable } from "./names.js";
import type { InfraCache, InfraDatabase, InfraExternal, InfraKafka, InfraRabbitmq, InfraTopic } from "./types.js";

/** The Redis of the gateway's rate limits. */
export const GATEWAY_CACHE = "gateway-redis";
export const KAFKA_PORT = 9092;
export const AMQP_PORT = 5672;
/** The exchange type the RabbitMQ transport shards keyed events with. */
export const RABBITMQ_PLUGINS: readonly string[] = ["rabbitmq_consistent_hash_exchange"];

/** The variable the service reads the broker's address from, as its needs name it; null without events. */
export function brokerOfService(service: ComputedService): string | null {
  return service.needs.env.find((e) => e.source.kind === "broker")?.name ?? null;
}

/** Kubernetes names of the services that publish or consume, when the model has events and the deployment runs this broker. */
function brokerClients(computed: ComputedModel, broker: "kafka" | "rabbitmq"): string[] {
  if (computed.model.events.length === 0 || computed.model.deployment.broker !== broker) return [];
  return uniqueSorted(computed.services.filter((s) => brokerOfService(s) !== null).map((s) => k8sName(s.id)));
}

/** Kubernetes name of the service's PostgreSQL, if it needs a database (stores, outbox or processed messages). */
export function databaseOfService(service: ComputedService): string | null {
  return service.needs.database ? databaseObjectName(service.id) : null;
}

/** Kubernetes name of the Redis of the service's cache store, if any. */
export function cacheOfService(service: ComputedService): string | null {
  return service.needs.cache ? cacheObjectName(service.needs.cache.store) : null;
}

export function describeDatabases(computed: ComputedModel): InfraDatabase[] {
  return computed.services.flatMap((service) =>
    service.needs.database
      ? [
          {
            name: databaseObjectName(service.id),
            service: k8sName(service.id),
            database: sqlName(service.id),
            user: sqlName(service.id),
            stores: [...service.needs.database.stores],
            urlConfig: `${service.id}DatabaseUrl`,
          },
        ]
      : [],
  );
}

export function describeCaches(computed: ComputedModel): InfraCache[] {
  const { model } = computed;
  const stores = model.stores.flatMap((store): InfraCache[] =>
    store.kind === "cache" && computed.usersOfStore(store.id).length > 0
      ? [
          {
            name: cacheObjectName(store.id),
            store: store.id,
            clients: uniqueSorted(computed.usersOfStore(store.id).map(k8sName)),
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

/** The broker's cluster name, port and clients; none when no service talks to this broker. */
function brokerCluster(
  computed: ComputedModel,
  broker: "kafka" | "rabbitmq",
  port: number,
): { cluster: string; port: number; clients: string[] } | null {
  const clients = brokerClients(computed, broker);
  return clients.length === 0 ? null : { cluster: `${computed.model.system.name}-${broker}`, port, clients };
}

export function describeKafka(computed: ComputedModel): InfraKafka | null {
  const cluster = brokerCluster(computed, "kafka", KAFKA_PORT);
  return cluster && { ...cluster, brokersConfig: "kafkaBrokers", topics: describeTopics(computed) };
}

export function describeRabbitmq(computed: ComputedModel): InfraRabbitmq | null {
  const cluster = brokerCluster(computed, "rabbitmq", AMQP_PORT);
  return (
    cluster && {
      ...cluster,
      user: sqlName(computed.model.system.name),
      exchange: computed.model.system.name,
      users: rabbitmqUsers(computed),
      plugins: [...RABBITMQ_PLUGINS],
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: null, memory: "1Gi" } },
      urlConfig: "amqpUrl",
    }
  );
}

/**
 * One broker user per service that publishes or consumes, allowed exactly what the spec lets it
 * do (the runtime's rabbitmqPermissions): its own topics to publish, its own groups' queues.
 */
function rabbitmqUsers(computed: ComputedModel): InfraRabbitmq["users"] {
  const exchange = computed.model.system.name;
  return computed.services.flatMap((s) =>
    s.needs.broker
      ? [
          {
            service: s.id,
            user: `${sqlName(exchange)}_${sqlName(s.id)}`,
            permissions: rabbitmqPermissions(s.needs.broker, exchange),
          },
        ]
      : [],
  );
}

/** Every event topic and, where a consumer dead-letters, its dead-letter topic (as the runtime creates them). */
function describeTopics(computed: ComputedModel): InfraTopic[] {
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
  for (const event of computed.model.events) {
    const topic = (name: string, deadLetter: boolean): InfraTopic => ({
      name: topicObjectName(name),
      topic: name,
      event: event.id,
      partitions: event.partitions,
      retentionMs: event.retentionMs,
      deadLetter,
    });
    add(topic(event.topic, false));
    if (computed.deadLetterersOf(event.id).length > 0) add(topic(event.deadLetterTopic, true));
  }
  return [...topics.values()].sort((a, b) => byText(a.topic, b.topic));
}

export function describeExternals(computed: ComputedModel): InfraExternal[] {
  return computed.calledExternals.map((x) => ({
    id: x.id,
    title: x.title,
    env: urlVariable("external", x.id),
    url: x.url ?? null,
    urlConfig: `${x.id}Url`,
    port: externalPort(x),
  }));
}
