import { createHmac } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import type { Cache, Database, Kafka, Rabbitmq } from "./architecture";
import type { Context } from "./meta";

export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;

/** Where the stores and the event bus are, in this stack's infrastructure mode. */
export interface Connections {
  /** DATABASE_URL for a database (secret). */
  readonly databaseUrl: (database: Database) => pulumi.Output<string>;
  /** REDIS_URL for a Redis (secret). */
  readonly redisUrl: (cache: Cache) => pulumi.Output<string>;
  /** KAFKA_BROKERS. */
  readonly kafkaBrokers: (kafka: Kafka) => pulumi.Output<string>;
  /** AMQP_URL (secret: it holds the broker user's password). */
  /** The AMQP URL a service connects with: its own user in-cluster, the one stack secret external. */
  readonly amqpUrl: (rabbitmq: Rabbitmq, service: string) => pulumi.Output<string>;
}

export function connections(ctx: Context): Connections {
  const mode = ctx.settings.infrastructure;
  switch (mode) {
    case "in-cluster":
      return inCluster(ctx);
    case "external":
      return external(ctx);
    default: {
      const unknown: never = mode;
      throw new Error(`unknown infrastructure ${String(unknown)}`);
    }
  }
}

/**
 * The password of an in-cluster store: HMAC-SHA256 of its name under the stack secret
 * `storeSecret`. It lives in the Pulumi state (encrypted) and in Kubernetes Secrets only.
 */
export function storePassword(ctx: Context, store: string): pulumi.Output<string> {
  return ctx.settings.config.requireSecret("storeSecret").apply((master) => createHmac("sha256", master).update(store).digest("hex").slice(0, 40));
}

function inCluster(ctx: Context): Connections {
  return {
    databaseUrl: (db) => pulumi.interpolate`postgres://${db.user}:${storePassword(ctx, db.name)}@${db.name}:${POSTGRES_PORT}/${db.database}`,
    redisUrl: (cache) => pulumi.interpolate`redis://:${storePassword(ctx, cache.name)}@${cache.name}:${REDIS_PORT}`,
    kafkaBrokers: (kafka) => pulumi.output(`${kafka.cluster}-kafka-bootstrap:${kafka.port}`),
    // The RabbitmqCluster's default user, whose credentials this program provisions (lib/rabbitmq.ts).
    amqpUrl: (rabbitmq, service) => {
      const user = rabbitmqUser(rabbitmq, service);
      return pulumi.interpolate`amqp://${user}:${rabbitmqUserPassword(ctx, rabbitmq, service)}@${rabbitmq.cluster}:${rabbitmq.port}`;
    },
  };
}

function external(ctx: Context): Connections {
  const config = ctx.settings.config;
  return {
    databaseUrl: (db) => config.requireSecret(db.urlConfig),
    redisUrl: (cache) => config.requireSecret(cache.urlConfig),
    kafkaBrokers: (kafka) => pulumi.output(config.require(kafka.brokersConfig)),
    amqpUrl: (rabbitmq) => config.requireSecret(rabbitmq.urlConfig),
  };
}

/** The named element of a list from architecture.json. */
export function byName<T extends { readonly name: string }>(items: readonly T[], name: string): T {
  const found = items.find((item) => item.name === name);
  if (found === undefined) throw new Error(`architecture.json has no "${name}"`);
  return found;
}

/** The broker user of a service that publishes or consumes. */
export function rabbitmqUser(rabbitmq: Rabbitmq, service: string): string {
  const found = rabbitmq.users.find((u) => u.service === service);
  if (found === undefined) throw new Error(`architecture.json has no RabbitMQ user for ${service}`);
  return found.user;
}

/** A service's broker password, derived from the stack secret `storeSecret` as the stores' are. */
export function rabbitmqUserPassword(ctx: Context, rabbitmq: Rabbitmq, service: string): pulumi.Output<string> {
  return storePassword(ctx, `${rabbitmq.cluster}-${service}`);
}
