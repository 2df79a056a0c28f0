import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { External, Model } from "archkit/model";
import { computeModel, createGateway, createLogger, GATEWAY_WORKLOAD, identityEnv, MemoryBroker, RUNTIME_ENV, urlVariable, workloadsOf, type GatewayHost, type RunningService, type StartServiceOptions } from "archkit/runtime";
import { serviceOf } from "./model.js";
import { CallProxy, EventRecorder, HandlerRecorder } from "./recorders.js";

/** How the generated start function of a service is called: `startOrders(handlers, options)`. */
export type StartOptions = Omit<StartServiceOptions, "model" | "service" | "handlers" | "consumers">;

/** One service the contract tests start in-process. */
export interface ServiceEntry {
  start(recorder: HandlerRecorder, options: StartOptions, model: Model, id: string): Promise<RunningService>;
}

/**
 * A service's generated start function with the project's handlers.
 *
 * @example
 * service(startOrders, handlers)
 */
export function service<H extends object>(start: (handlers: H, options?: StartOptions) => Promise<RunningService>, handlers: H): ServiceEntry {
  return { start: (recorder, options, model, id) => start(recorder.wrap(serviceOf(model, id), handlers), options) };
}

/** The services, gateway, proxies and recorders of one contract test file, all in this process. */
export interface LocalSystem {
  readonly gatewayUrl?: string;
  readonly serviceUrls: ReadonlyMap<string, string>;
  readonly secret: string;
  /** What every workload's key is derived from, so the tests can sign as a declared caller. */
  readonly identitySecret: string;
  readonly handlers: HandlerRecorder;
  readonly events: EventRecorder;
  /** Recording proxies by provider service. */
  readonly proxies: ReadonlyMap<string, CallProxy>;
  close(): Promise<void>;
}

const UNREACHABLE = "http://127.0.0.1:9";

/**
 * Starts the given services on the embedded defaults (PGlite in memory, one in-process broker,
 * in-memory cache) on free ports, each behind a recording proxy for its callers, and a gateway
 * in front when the model has one. Each service loads its fixtures (src/fixtures.ts) as it starts. With ARCHKIT_PGLITE_TEMPLATE set (as `archkit dev` sets it for
 * its services), each database starts from that PGlite template instead of running initdb. Externals come from `EXTERNAL_<NAME>_URL`, else from the
 * external simulator of `archkit dev` when it is installed.
 */
export async function startLocal(model: Model, entries: Readonly<Record<string, ServiceEntry>>): Promise<LocalSystem> {
  const closers: (() => Promise<void>)[] = [];
  try {
    return await startAll(model, entries, closers);
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function startAll(model: Model, entries: Readonly<Record<string, ServiceEntry>>, closers: (() => Promise<void>)[]): Promise<LocalSystem> {
  const ids = Object.keys(entries);
  const broker = new MemoryBroker({ redeliveryDelayMs: 20 });
  const handlers = new HandlerRecorder();
  const events = new EventRecorder(model, broker);
  await events.start();
  closers.push(() => events.stop());
  const proxies = new Map<string, CallProxy>();
  const env: Record<string, string> = { DATABASE_URL: "pglite://memory", LOG_LEVEL: process.env.ARCHKIT_CONTRACT_LOG_LEVEL ?? "silent", [RUNTIME_ENV.fixtures]: "1" };
  const template = process.env[RUNTIME_ENV.pgliteTemplate];
  if (template) env[RUNTIME_ENV.pgliteTemplate] = template;
  for (const id of ids) {
    const proxy = new CallProxy();
    env[urlVariable("service", id)] = await proxy.listen();
    closers.push(() => proxy.close());
    proxies.set(id, proxy);
  }
  const externals = await externalUrls(model, ids);
  Object.assign(env, externals.env);
  if (externals.close) closers.push(externals.close);
  const secret = randomBytes(32).toString("hex");
  if (model.gateway?.auth) env[model.gateway.auth.secretEnv] = secret;
  shareWithProcess(env);
  const identitySecret = randomBytes(32).toString("hex");
  const envOf = (workload: string) => ({ ...env, ...identityEnv(identitySecret, workload, workloadsOf(model)) });
  const running = await Promise.all(ids.map(async (id) => [id, await (entries[id] as ServiceEntry).start(handlers, { env: envOf(id), port: 0, host: "127.0.0.1", broker }, model, id)] as const));
  for (const [id, service] of running) {
    closers.push(() => service.close());
    (proxies.get(id) as CallProxy).upstream = service.url;
  }
  const serviceUrls = new Map(running.map(([id, s]) => [id, s.url]));
  const gatewayUrl = await startGateway(model, serviceUrls, envOf(GATEWAY_WORKLOAD), closers);
  return { gatewayUrl, serviceUrls, secret, identitySecret, handlers, events, proxies, close: () => closeAll(closers) };
}

/** Handlers that build clients or read settings from `process.env` themselves see the same URLs and secret (each test file runs in a process of its own). */
function shareWithProcess(env: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(env)) if (name !== "DATABASE_URL" && name !== "LOG_LEVEL" && name !== RUNTIME_ENV.fixtures) process.env[name] ??= value;
}

async function startGateway(model: Model, urls: ReadonlyMap<string, string>, env: Record<string, string>, closers: (() => Promise<void>)[]): Promise<string | undefined> {
  if (!model.gateway || computeModel(model).routes.length === 0) return undefined;
  const targets = Object.fromEntries(model.services.map((s) => [s.id, urls.get(s.id) ?? UNREACHABLE]));
  const gateway: GatewayHost = createGateway({ model, targets, env, logger: createLogger({ level: "silent" }), accessLog: false, rateLimitStore: UNLIMITED });
  const listening = await gateway.listen(0, "127.0.0.1");
  closers.push(() => gateway.close());
  return listening.url;
}

/** Contract tests check contracts, not the rate limit: the gateway's limiter counts nothing here. */
const UNLIMITED = {
  async increment() {
    return { totalHits: 1, resetTime: new Date(Date.now() + 60_000) };
  },
  async decrement() {},
  async resetKey() {},
};

async function externalUrls(model: Model, ids: readonly string[]): Promise<{ env: Record<string, string>; close?: () => Promise<void> }> {
  const needed = calledExternals(model, ids);
  const env: Record<string, string> = {};
  const missing: External[] = [];
  for (const external of needed) {
    const url = process.env[urlVariable("external", external.id)] ?? external.url;
    if (url) env[urlVariable("external", external.id)] = url;
    else missing.push(external);
  }
  if (missing.length === 0) return { env };
  const simulator = await loadSimulator();
  if (!simulator) {
    const names = missing.map((x) => urlVariable("external", x.id)).join(", ");
    throw new Error(`the services under test call ${missing.map((x) => x.id).join(", ")}: set ${names} to a stand-in (the simulator of archkit dev is not installed)`);
  }
  const running = await simulator({ model });
  return { env: { ...running.env, ...env }, close: () => running.close() };
}

function calledExternals(model: Model, ids: readonly string[]): External[] {
  const computed = computeModel(model);
  const names = new Set<string>(ids.flatMap((id) => computed.service(id).externals));
  return model.externals.filter((x) => names.has(x.id));
}

type Simulator = (options: { model: Model }) => Promise<{ env: Record<string, string>; close(): Promise<void> }>;

/** The external simulator of `archkit dev`: its package export when there is one, else next to the runtime in the installed archkit. */
async function loadSimulator(): Promise<Simulator | undefined> {
  const candidates = ["archkit/dev", () => pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("archkit/runtime")), "..", "dev", "index.js")).href];
  for (const candidate of candidates) {
    const specifier = typeof candidate === "string" ? candidate : candidate();
    const dev = (await import(specifier).catch(() => undefined)) as { startSimulator?: Simulator } | undefined;
    if (dev?.startSimulator) return dev.startSimulator;
  }
  return undefined;
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
}
