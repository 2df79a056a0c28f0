import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MODEL_FILE, type Model, readModelFile } from "../../src/model/index.js";
import type { EventEnvelope, RunningService } from "../../src/runtime/index.js";
import { startSimulator, type RunningSimulator } from "../../src/dev/index.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SHOP = join(ROOT, "examples", "shop");
export const SERVICES = ["users", "products", "orders", "payments", "notifications"] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The runtime the example imports (`archkit/runtime` is this checkout's dist/), typed from the source. */
type Runtime = typeof import("../../src/runtime/index.js");
type StartFunction = (handlers: unknown, options: Record<string, unknown>) => Promise<RunningService>;

export interface ShopSystem {
  readonly model: Model;
  readonly gatewayUrl: string;
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** Each service's admin port: `/metrics` and the probes. */
  readonly adminUrls: Readonly<Record<ServiceName, string>>;
  readonly simulator: RunningSimulator;
  /** Every event published on the shared broker, in order, as an extra consumer group saw it. */
  readonly events: readonly EventEnvelope[];
  /** What every workload's key derives from: sign as a declared caller to reach a service directly. */
  readonly identitySecret: string;
  /** The environment a workload's identity takes (its own key, every public key). */
  identityEnv(workload: string): Record<string, string>;
  /** An administrator's bearer token for the gateway (support tooling). */
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The example shop in this process, as `archkit dev --single` would run it: the five services
 * through their generated start functions and hand-written handlers, on PGlite in memory and one
 * shared memory broker, the external simulator, and the runtime's gateway in front. Every
 * workload has its own key and verifies who calls it, as in production.
 */
export async function startShop(
  secret: string,
  admin: { readonly email: string; readonly password: string },
  envFor: (service: ServiceName, env: Record<string, string>) => Record<string, string | undefined> = (_, env) => env,
): Promise<ShopSystem> {
  const runtime = (await import(pathToFileURL(join(ROOT, "dist", "runtime", "index.js")).href)) as Runtime;
  const model = readModelFile(join(SHOP, MODEL_FILE)).model;
  const simulator = await startSimulator({ model });
  const broker = new runtime.MemoryBroker({ redeliveryDelayMs: 20 });
  const events: EventEnvelope[] = [];
  for (const topic of new Set(model.events.map((e) => e.topic))) {
    broker.join(topic, "e2e-observer", {
      handler: async (envelope) => void events.push(envelope),
      track: () => undefined,
    });
  }
  const restoreEnv = exportEnv({
    JWT_SECRET: secret,
    SHOP_ADMIN_EMAIL: admin.email,
    SHOP_ADMIN_PASSWORD: admin.password,
    ...simulator.env,
  });
  const base = {
    DATABASE_URL: "pglite://memory",
    LOG_LEVEL: process.env.ARCHKIT_TEST_LOG_LEVEL ?? "silent",
    JWT_SECRET: secret,
    ...simulator.env,
  };
  const identitySecret = randomBytes(32).toString("hex");
  const identityEnv = (workload: string) => runtime.identityEnv(identitySecret, workload, runtime.workloadsOf(model));
  const running: Partial<Record<ServiceName, RunningService>> = {};
  const start = async (service: ServiceName, env: Record<string, string>) => {
    running[service] = await startOne(service, {
      env: envFor(service, { ...base, ...identityEnv(service), ...env }),
      port: 0,
      host: "127.0.0.1",
      broker,
    });
  };
  const stopAll = async () => {
    for (const service of [...SERVICES].reverse()) await running[service]?.close();
    await simulator.close();
    restoreEnv();
  };
  try {
    await Promise.all((["users", "products", "payments", "notifications"] as const).map((s) => start(s, {})));
    await start("orders", { PRODUCTS_URL: running.products!.url, PAYMENTS_URL: running.payments!.url });
  } catch (error) {
    await stopAll();
    throw error;
  }
  const urls = Object.fromEntries(SERVICES.map((s) => [s, running[s]!.url])) as Record<ServiceName, string>;
  const adminUrls = Object.fromEntries(SERVICES.map((s) => [s, running[s]!.adminUrl])) as Record<ServiceName, string>;
  const logger = runtime.createLogger({ level: base.LOG_LEVEL, name: "gateway" });
  const gateway = runtime.createGateway({
    model,
    targets: urls,
    env: { JWT_SECRET: secret, ...identityEnv(runtime.GATEWAY_WORKLOAD) },
    logger,
    accessLog: false,
  });
  const listening = await gateway.listen(0, "127.0.0.1");
  return {
    model,
    gatewayUrl: listening.url,
    urls,
    adminUrls,
    simulator,
    events,
    identitySecret,
    identityEnv,
    adminToken: async () =>
      (await runtime.issueToken({ sub: "support", roles: ["admin"] }, { auth: model.gateway!.auth!, secret }))
        .accessToken,
    close: async () => {
      await gateway.close();
      await stopAll();
    },
  };
}

/**
 * The handlers read some things from `process.env` rather than from the service's `env` option:
 * the login handler the JWT secret (`issueToken`), the users service the admin account, and the
 * consumers that call externals their URLs (consumers get no `deps`). Sets them for the test and
 * returns the undo.
 */
function exportEnv(values: Readonly<Record<string, string>>): () => void {
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

async function startOne(service: ServiceName, options: Record<string, unknown>): Promise<RunningService> {
  const dir = join(SHOP, "services", service, "src");
  const generated = (await import(pathToFileURL(join(dir, "generated", "index.ts")).href)) as Record<string, unknown>;
  const { handlers } = (await import(pathToFileURL(join(dir, "handlers.ts")).href)) as { handlers: unknown };
  const start = generated[`start${service[0]!.toUpperCase()}${service.slice(1)}`] as StartFunction;
  return start(handlers, options);
}

/** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 8_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `archkit_events_consumed_total` of one event at a service's /metrics (its admin URL). */
export async function consumedCount(adminUrl: string, event: string): Promise<number> {
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  const line = text
    .split("\n")
    .find((l) => l.startsWith("archkit_events_consumed_total{") && l.includes(`event="${event}"`));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(" ") + 1));
}
