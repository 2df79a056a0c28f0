import type { Logger } from "pino";
import { type ComputedService, computeModel } from "../../model/computed/index.js";
import { ArchkitError } from "../../model/errors.js";
import type { Model } from "../../model/index.js";
import { RUNTIME_ENV } from "../../model/naming.js";
import { parseDuration } from "../../model/units.js";
import { cacheFromEnv } from "../cache/index.js";
import { createClients } from "../clients/index.js";
import type { Cache, DatabaseHandle, EventTransport } from "../contracts.js";
import { DEFAULT_DATABASE_URL, migrateStores, openDatabase, planMigrations, runMigrations } from "../db/index.js";
import {
  createEventBus,
  createTransport,
  modelTopics,
  transportConfigFromEnv,
  type EventBus,
  type EventHandlers,
  type MemoryBroker,
  type TransportConfig,
} from "../events/index.js";
import { loadFixtures, type Fixtures } from "../fixtures/index.js";
import { identityFromEnv, type WorkloadIdentity } from "../identity/index.js";
import { createLogger, createMetricsRegistry } from "../observability/index.js";
import { createService, type HandlerMap, type ServiceHost } from "../service/index.js";
import { type DepsSource, endpointDeps, withConsumerDeps } from "./handler-deps.js";

export interface StartServiceOptions {
  readonly model: Model;
  readonly service: string;
  /** Endpoint handlers by endpoint name. */
  readonly handlers: HandlerMap;
  /** Consumer handlers by their `handler` name. */
  readonly consumers?: EventHandlers;
  /** Default `process.env`: PORT, DATABASE_URL, REDIS_URL, KAFKA_BROKERS or AMQP_URL, LOG_LEVEL, `<SERVICE>_URL`, ARCHKIT_PGLITE_TEMPLATE. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Port to listen on; default `PORT`, then the port the model assigns. 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Share one in-process broker between services started in one process (memory transport only). */
  readonly broker?: MemoryBroker;
  /** A logger of your own (e.g. one that writes elsewhere); default pino to stdout at `LOG_LEVEL`. */
  readonly logger?: Logger;
  /** Shut down gracefully on SIGTERM and SIGINT, then exit. */
  readonly signals?: boolean;
  /**
   * The service's migrations folder (`services/<service>/migrations/`, one folder per store): its
   * pending expand migrations are applied on start. Without it, the stores' tables are created
   * from the model as they are (`create table if not exists`), as for a throwaway database.
   */
  readonly migrations?: string | URL;
  /**
   * The service's fixtures (`src/fixtures.ts`), loaded after the migrations when `ARCHKIT_FIXTURES`
   * is `1` or `true` (what `archkit dev --seed` sets); rows already there are skipped.
   */
  readonly fixtures?: () => Promise<Fixtures>;
}

export interface RunningService {
  readonly host: ServiceHost;
  readonly url: string;
  readonly port: number;
  /** `/metrics` and the probes, on the admin port. */
  readonly adminUrl: string;
  readonly bus: EventBus;
  readonly db?: DatabaseHandle;
  readonly cache?: Cache;
  /** Graceful shutdown of everything started. */
  close(): Promise<void>;
}

/**
 * Start one service of the model with everything it declares: its database (migrated), event
 * bus and consumers, cache, clients for its declared calls, and the HTTP host.
 *
 * @example
 * const running = await startService({ model, service: "orders", handlers, consumers });
 * console.log(`orders listening on ${running.url}`);
 */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const env = options.env ?? process.env;
  const { model, service } = options;
  const computed = computeModel(model);
  const definition = computed.service(service);
  requireSigningSecret(definition, env);
  const identity = identityFromEnv(env, service);
  const transportConfig: TransportConfig = definition.usesEvents
    ? transportConfigFromEnv(env, {
        clientId: `${model.system.name}-${service}`,
        system: model.system.name,
        topics: modelTopics(model),
        broker: options.broker,
      })
    : { kind: "memory" };
  const logger =
    options.logger ??
    createLogger({ level: env[RUNTIME_ENV.logLevel], name: service, sensitive: computed.sensitiveFields });
  warnAboutIdentity(logger, identity, definition);
  const registry = createMetricsRegistry({ labels: { service } });
  const db = definition.needs.database
    ? await openServiceDatabase({ model, service, env, migrations: options.migrations, logger })
    : undefined;
  if (db && options.fixtures && seedsFixtures(env)) await seed(db, options.fixtures, { model, service, logger });
  const cache = definition.needs.cache
    ? cacheFromEnv(env, model, service, (error) => logger.warn({ err: error }, "cache error"))
    : undefined;
  const clients = createClients({ model, service, env, ...(identity.signer ? { signer: identity.signer } : {}) });
  const transport: EventTransport = createTransport(transportConfig);
  const source: DepsSource = { computed, service, clients, logger, db, cache };
  const consumers = Object.fromEntries(
    Object.entries(options.consumers ?? {}).map(([name, consume]) => [
      name,
      definition.consumers.some((c) => c.handler === name) ? withConsumerDeps(source, name, consume) : consume,
    ]),
  );
  const bus = createEventBus({
    model,
    service,
    transport,
    db: db?.db,
    handlers: consumers,
    registry,
    logger,
    processed: { retentionMs: processedRetention(env) },
  });
  const shutdown = options.signals ? { signals: true } : undefined;
  const host = createService(
    { model, service, shutdown, ...(identity.verifier ? { verifier: identity.verifier } : {}) },
    options.handlers,
    { db, bus, cache, clients, logger, registry },
    (endpoint) => endpointDeps(source, bus, endpoint),
  );
  await bus.start();
  const configured = env[RUNTIME_ENV.port];
  const port = options.port ?? (configured ? Number(configured) : definition.def.port);
  const listening = await host.listen(port, options.host);
  return {
    host,
    url: listening.url,
    port: listening.port,
    adminUrl: listening.adminUrl,
    bus,
    db,
    cache,
    close: () => host.close(),
  };
}

/** Says at start what an identity left unconfigured means: callers unverified, calls unsigned. */
function warnAboutIdentity(logger: Logger, identity: WorkloadIdentity, service: ComputedService): void {
  if (!identity.verifier && service.endpoints.length > 0)
    logger.warn(
      `${RUNTIME_ENV.identityJwks} is unset: callers are not verified and the x-user-* headers are trusted; set it in any deployment`,
    );
  if (!identity.signer && service.callees.length > 0)
    logger.warn(`${RUNTIME_ENV.identityKey} is unset: calls to ${service.callees.join(", ")} go out unsigned`);
}

/** `ARCHKIT_FIXTURES=1` (or `true`): a starting service loads its fixtures. */
function seedsFixtures(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env[RUNTIME_ENV.fixtures]?.trim().toLowerCase();
  return value === "1" || value === "true";
}

async function seed(
  db: DatabaseHandle,
  fixtures: () => Promise<Fixtures>,
  options: { readonly model: Model; readonly service: string; readonly logger: Logger },
): Promise<void> {
  try {
    const report = await loadFixtures(db.db, await fixtures(), options);
    const inserted = report.entries.reduce((sum, e) => sum + e.inserted, 0);
    const skipped = report.entries.reduce((sum, e) => sum + e.skipped, 0);
    options.logger.info({ inserted, skipped, tables: report.entries.map((e) => e.table) }, "fixtures loaded");
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function openServiceDatabase(options: {
  readonly model: Model;
  readonly service: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly migrations: string | URL | undefined;
  readonly logger: Logger;
}): Promise<DatabaseHandle | undefined> {
  const { model, service, env, migrations } = options;
  const handle = await openDatabase(env[RUNTIME_ENV.databaseUrl] ?? DEFAULT_DATABASE_URL, {
    pgliteTemplate: env[RUNTIME_ENV.pgliteTemplate],
  });
  try {
    if (migrations !== undefined) {
      const stores = computeModel(model).service(service).needs.database?.stores ?? [];
      for (const report of await migrateStores(handle.db, migrations, stores)) {
        if (report.applied.length > 0)
          options.logger.info({ store: report.store, applied: report.applied }, "migrated");
        if (report.waiting.length > 0)
          options.logger.warn(
            { store: report.store, waiting: report.waiting },
            "contract migrations wait for `archkit migrate --contract`",
          );
      }
    }
    await runMigrations(handle.db, planMigrations(model, { service, storeTables: migrations === undefined }));
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}

/** `ARCHKIT_PROCESSED_RETENTION` as milliseconds (`14d`, `36h`, ...), undefined for the default. */
function processedRetention(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const text = env[RUNTIME_ENV.processedRetention]?.trim();
  if (!text) return undefined;
  if (!/^\d+(\.\d+)?(ms|s|m|h|d|w)$/.test(text)) {
    throw new Error(
      `${RUNTIME_ENV.processedRetention}="${text}" is not a duration; expected e.g. ${RUNTIME_ENV.processedRetention}=14d`,
    );
  }
  return parseDuration(text);
}

/** A service that signs tokens (`gateway.auth.issuedBy`) refuses to start without the secret it signs with. */
function requireSigningSecret(service: ComputedService, env: Readonly<Record<string, string | undefined>>): void {
  const secret = service.needs.env.find((e) => e.source.kind === "jwt-secret");
  if (!secret || env[secret.name]) return;
  throw new ArchkitError(`service ${service.id} signs access tokens but ${secret.name} is not set`, {
    code: "signing-secret-missing",
    hint: `set ${secret.name} to the gateway's token secret (the spec names ${service.id} in gateway.auth.issuedBy)`,
  });
}
