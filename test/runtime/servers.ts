import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";

/**
 * The servers the runtime tests use: PostgreSQL, Redis and RabbitMQ on this machine, Kafka when
 * KAFKA_BROKERS is set. Each is checked once per test file. When one is unreachable its tests
 * are skipped with a one-line reason in the suite title, except under CI=true, where an
 * unreachable server fails the test file.
 */

export type Availability =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly reason: string };

const POSTGRES_CANDIDATES = ["postgres://postgres@127.0.0.1:5432/test", "postgres://root@127.0.0.1:5432/test"];

let postgres: Promise<Availability> | undefined;
let redis: Promise<Availability> | undefined;
let rabbitmq: Promise<Availability> | undefined;
const run = promisify(execFile);

/** An admin URL of the test PostgreSQL (`ARCHKIT_TEST_POSTGRES_URL`, else 127.0.0.1:5432 as postgres or root, database `test`). */
export function postgresServer(): Promise<Availability> {
  postgres ??= checkPostgres().then((a) => required("PostgreSQL", a));
  return postgres;
}

/** The test Redis (`ARCHKIT_TEST_REDIS_URL`, else redis://127.0.0.1:6379). */
export function redisServer(): Promise<Availability> {
  redis ??= checkRedis(process.env.ARCHKIT_TEST_REDIS_URL ?? "redis://127.0.0.1:6379").then((a) =>
    required("Redis", a),
  );
  return redis;
}

/**
 * The test RabbitMQ (`ARCHKIT_TEST_AMQP_URL`, else amqp://guest:guest@127.0.0.1:5672), with
 * `rabbitmqctl` on this machine: the tests make their own vhost and close connections with it.
 */
export function rabbitmqServer(): Promise<Availability> {
  rabbitmq ??= checkRabbitmq(process.env.ARCHKIT_TEST_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672").then((a) =>
    required("RabbitMQ", a),
  );
  return rabbitmq;
}

export interface TestVhost {
  /** The server URL with the vhost as path. */
  readonly url: string;
  readonly name: string;
  /** Closes every client connection of the vhost, as a broker restart or a network cut would. */
  closeConnections(): Promise<void>;
  delete(): Promise<void>;
}

/** A fresh vhost `archkit_test_<random>` the server's user may use; `delete()` removes it with all its queues and exchanges. */
export async function createTestVhost(serverUrl: string): Promise<TestVhost> {
  const name = `archkit_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(serverUrl);
  await rabbitmqctl("add_vhost", name);
  await rabbitmqctl("set_permissions", "-p", name, decodeURIComponent(url.username || "guest"), ".*", ".*", ".*");
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    closeConnections: () => rabbitmqctl("close_all_connections", "--vhost", name, "test").then(() => undefined),
    delete: () => rabbitmqctl("delete_vhost", name).then(() => undefined),
  };
}

async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run("rabbitmqctl", ["--quiet", ...args], { timeout: 60_000 });
  return stdout;
}

/** Kafka only runs when KAFKA_BROKERS names brokers; no broker is expected on a developer machine. */
export function kafkaServer(): Availability {
  const brokers = process.env.KAFKA_BROKERS?.trim();
  return brokers ? { ok: true, url: brokers } : { ok: false, reason: "KAFKA_BROKERS is not set" };
}

/** The suite title, with the skip reason when the server is unavailable. */
export function suiteTitle(title: string, availability: Availability): string {
  return availability.ok ? title : `${title} (skipped: ${availability.reason})`;
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database `archkit_test_<random>` on the test server, so parallel test files do not collide. */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `archkit_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function checkPostgres(): Promise<Availability> {
  const candidates = process.env.ARCHKIT_TEST_POSTGRES_URL
    ? [process.env.ARCHKIT_TEST_POSTGRES_URL]
    : POSTGRES_CANDIDATES;
  let reason = "no candidate URL";
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return { ok: true, url };
    } catch (error) {
      reason = `PostgreSQL not reachable at ${new URL(url).host} (${message(error)})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return { ok: false, reason };
}

async function checkRedis(url: string): Promise<Availability> {
  const client = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
  });
  let cause: unknown;
  client.on("error", (error: unknown) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return { ok: true, url };
  } catch (error) {
    return { ok: false, reason: `Redis not reachable at ${new URL(url).host} (${message(cause ?? error)})` };
  } finally {
    client.disconnect();
  }
}

async function checkRabbitmq(url: string): Promise<Availability> {
  const host = new URL(url).host;
  try {
    const amqplib = await import("amqplib");
    const connection = await amqplib.connect(url, { timeout: 2_000 });
    await connection.close();
  } catch (error) {
    return { ok: false, reason: `RabbitMQ not reachable at ${host} (${message(error)})` };
  }
  try {
    await rabbitmqctl("list_vhosts");
    return { ok: true, url };
  } catch (error) {
    return { ok: false, reason: `rabbitmqctl cannot manage the RabbitMQ at ${host} (${message(error)})` };
  }
}

function required(name: string, availability: Availability): Availability {
  if (availability.ok) return availability;
  if (process.env.CI === "true") throw new Error(`${name} is required under CI=true: ${availability.reason}`);
  console.warn(`skipping ${name} tests: ${availability.reason}`);
  return availability;
}

function message(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return message(error.errors[0]);
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
}
