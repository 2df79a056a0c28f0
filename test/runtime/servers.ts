import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";

/**
 * The servers the runtime tests use: PostgreSQL and Redis on this machine, Kafka when
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
