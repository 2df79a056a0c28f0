import { join } from "node:path";
import type { Model } from "../model/index.js";
import { RUNTIME_ENV, urlVariable } from "../model/naming.js";
import {
  DEFAULT_DATABASE_URL,
  GATEWAY_WORKLOAD,
  identityEnv,
  serveBroker,
  workloadsOf,
  type BrokerServer,
} from "../runtime/index.js";
import { devBrokerEnv, type DevBroker } from "./broker.js";
import { bundleModule, bundleService } from "./bundle.js";
import { spawnService, type ServiceProcess } from "./child.js";
import { startGateway, type DevGateway } from "./gateway.js";
import { EventLog, LogBook } from "./events.js";
import { startInProcess } from "./in-process.js";
import { ensureArchkit } from "./link.js";
import { logRecord, type LogRecord, type LogSink } from "./logs.js";
import { pgliteTemplate } from "./pglite-template.js";
import { DEV_PORTS_FILE, pickPort, rememberedPorts, rememberPorts, type PortPlan } from "./ports.js";
import { devProject, readProjectModel, type DevProject } from "./project.js";
import { devSecret, signingSecret, type SecretSource } from "./secret.js";
import { stopWaves } from "./stop-order.js";
import { startSimulator } from "./simulator/index.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface StartSystemOptions {
  /** The generated project (holds `services/model.json`). */
  readonly dir: string;
  /** The spec, relative to `dir` (default `architecture.yaml`). */
  readonly spec?: string;
  /** Every service in this process instead of one child process each. */
  readonly single?: boolean;
  /** Default `process.env`; `DATABASE_URL`, `REDIS_URL`, `KAFKA_BROKERS` switch parts to real servers. */
  readonly env?: Env;
  /** `"model"` (default): the ports the model assigns, a free one when taken; `"free"`: ports the OS picks. */
  readonly ports?: "model" | "free";
  /**
   * Keep the chosen ports in the project's `.archkit/dev-ports.json` and prefer them next time
   * (after the model's own with `"model"`), so a restart or a reload of the spec keeps every URL.
   */
  readonly keepPorts?: boolean;
  /** Where each line of output goes, by service (`gateway` and `simulator` included). */
  readonly log?: LogSink;
  /** Time each service gets to become ready (default 60 s). */
  readonly readyTimeoutMs?: number;
  /** A real broker for every service instead of the embedded one (`archkit dev --broker`). */
  readonly broker?: DevBroker;
  /** Every service loads its fixtures (`src/fixtures.ts`) as it starts (`archkit dev --seed`). */
  readonly seed?: boolean;
}

export interface RunningService {
  readonly id: string;
  readonly url: string;
  readonly port: number;
  /** The service's process (this one with `single`). */
  readonly pid: number | undefined;
}

/** The whole system of a project running on one machine. */
export interface RunningSystem {
  readonly project: DevProject;
  readonly model: Model;
  /** Absent when the spec declares no gateway. */
  readonly gatewayUrl?: string;
  readonly services: readonly RunningService[];
  /** Base URL of each simulated external, by external id. */
  readonly externals: Readonly<Record<string, string>>;
  /** The environment the services run with (ports, URLs, broker, secrets). */
  readonly env: Env;
  /** What the workloads' signing keys are derived from (the project's dev secret). */
  readonly identitySecret: string;
  /** `env` and one workload's identity (its own key, every workload's public key). */
  workloadEnv(workload: string): Env;
  /** Every event that passed the broker, with its deliveries. */
  readonly events: EventLog;
  /** The most recent structured (JSON) log records of a service, oldest first. */
  logs(service: string): readonly LogRecord[];
  /** Records of what the simulated externals were sent, by external id. */
  records(external: string): readonly unknown[];
  /** Milliseconds from the call to every service and the gateway answering `/readyz`. */
  readonly startupMs: number;
  /** Where the gateway's signing secret came from (absent when the gateway has no auth). */
  readonly secret?: SecretSource;
  /** Set when the project did not resolve `archkit` and `node_modules/archkit` was linked to this archkit. */
  readonly linkedArchkit?: string;
  /** Compiles one service, then stops it and starts it again on the same port (picks up edited handlers); a compile error rejects and leaves the running one alone. */
  restart(id: string): Promise<void>;
  /**
   * Stops everything: the gateway first (its requests in flight finish), then the services
   * gracefully, callers before the services they call, then broker and simulator. Resolves with
   * the services' exit codes (null: it did not stop within its grace period and was killed).
   */
  close(): Promise<Readonly<Record<string, number | null>>>;
  /** Kills every service process now (SIGKILL to each process group), e.g. on a second Ctrl-C. */
  kill(): void;
}

/**
 * Runs a generated project on the embedded defaults: the simulator for its externals, the
 * embedded event broker, every service (PGlite in memory, memory cache) and the gateway in front.
 *
 * @example
 * const system = await startSystem({ dir: "examples/shop", spec: "../../architecture.yaml" });
 * console.log(system.gatewayUrl);
 * await system.close();
 */
export async function startSystem(options: StartSystemOptions): Promise<RunningSystem> {
  const began = performance.now();
  const project = devProject(options.dir, options.spec);
  const model = readProjectModel(project);
  const linked = await ensureArchkit(project.dir);
  const logs = new LogBook();
  const sink = options.log ?? (() => undefined);
  const log: LogSink = (service, line) => {
    const record = logRecord(line);
    if (record) logs.add(service, record);
    sink(service, line, record);
  };
  const base = options.env ?? process.env;
  const events = new EventLog();
  const portsFile = options.keepPorts ? join(project.dir, DEV_PORTS_FILE) : undefined;
  const plan = await assignPorts(model, options.ports ?? "model", await rememberedPorts(portsFile));
  if (portsFile) await rememberPorts(project.dir, portsFile, plan);
  const ports = new Map(Object.entries(plan.services));
  const [simulator, broker, template] = await allOrNone(
    [
      startSimulator({ model, port: plan.simulator }),
      serveBroker({ observer: events }),
      embeddedDatabases(base) ? pgliteTemplate(project.dir) : undefined,
    ],
    (started) => (typeof started === "object" && started !== null && "close" in started ? started.close() : undefined),
  );
  const running = new Map<string, ServiceProcess>();
  let gateway: DevGateway | undefined;
  const stopAll = () => closeAll(gateway, model, running, [() => broker.close(), () => simulator.close()]);
  try {
    const secretEnv = model.gateway?.auth?.secretEnv;
    const secret = secretEnv === undefined ? undefined : await signingSecret(project.dir, secretEnv, base);
    const env = serviceEnv(base, ports, options.broker ?? broker, {
      ...simulator.env,
      ...(template ? { ARCHKIT_PGLITE_TEMPLATE: template } : {}),
      ...(secretEnv && secret ? { [secretEnv]: secret.secret } : {}),
      ...(options.seed ? { [RUNTIME_ENV.fixtures]: "1" } : {}),
    });
    if (options.single) exportEnv(env);
    const identity = await devSecret(project.dir);
    const workloads = workloadsOf(model);
    const envOf = (id: string): Env => ({ ...env, ...identityEnv(identity.secret, id, workloads) });
    const prepare = (id: string) => prepareService(options, project, id, ports.get(id)!, envOf(id), log);
    const launch = async (id: string) => (await prepare(id))();
    const started = await allOrNone(
      model.services.map((s) => launch(s.id)),
      (service) => service.stop(),
    );
    for (const service of started) running.set(service.id, service);
    gateway = await startGateway(model, envOf(GATEWAY_WORKLOAD), plan.gateway, log);
    return {
      project,
      model,
      gatewayUrl: gateway?.url,
      get services() {
        return model.services.map((s) => ({
          id: s.id,
          url: `http://127.0.0.1:${ports.get(s.id)}`,
          port: ports.get(s.id)!,
          pid: running.get(s.id)?.pid,
        }));
      },
      externals: simulator.urls,
      env,
      identitySecret: identity.secret,
      workloadEnv: envOf,
      events,
      logs: (service) => logs.list(service),
      records: (external) => simulator.records(external),
      startupMs: Math.round(performance.now() - began),
      secret,
      linkedArchkit: linked?.kind === "created" ? linked.path : undefined,
      restart: async (id) => {
        const current = running.get(id);
        if (!current) throw new Error(`no service "${id}" runs; services: ${[...running.keys()].join(", ")}`);
        const start = await prepare(id);
        await current.stop();
        running.delete(id);
        running.set(id, await start());
      },
      close: stopAll,
      kill: () => {
        for (const service of running.values()) service.kill();
      },
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}

/**
 * Waits for every start; when one fails, stops the ones that started (with `stop`) and rejects
 * with the first failure, so nothing is left running.
 */
async function allOrNone<T extends readonly unknown[]>(
  starts: T,
  stop: (started: Awaited<T[number]>) => unknown,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (!failed)
    return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as {
      -readonly [K in keyof T]: Awaited<T[K]>;
    };
  for (const s of settled)
    if (s.status === "fulfilled") await Promise.resolve(stop(s.value as Awaited<T[number]>)).catch(() => undefined);
  throw failed.reason;
}

/**
 * A port for every service, the gateway and the simulator, never one twice: the model's (with
 * `"model"`), else the one used last time, else one the OS picks, whichever is free first.
 */
async function assignPorts(model: Model, mode: "model" | "free", last: PortPlan): Promise<Required<PortPlan>> {
  const taken = new Set<number>();
  const pick = (own: number | undefined, previous: number | undefined) =>
    pickPort(
      [...(mode === "model" && own !== undefined ? [own] : []), ...(previous === undefined ? [] : [previous])],
      taken,
    );
  const services: Record<string, number> = {};
  for (const service of model.services) services[service.id] = await pick(service.port, last.services[service.id]);
  const gateway = await pick(model.gateway?.port ?? 3000, last.gateway);
  return { gateway, simulator: await pick(undefined, last.simulator), services };
}

/** Compiles a service and returns how to start it, so a compile error surfaces before a running one is stopped. */
async function prepareService(
  options: StartSystemOptions,
  project: DevProject,
  id: string,
  port: number,
  env: Env,
  log: LogSink,
): Promise<() => Promise<ServiceProcess>> {
  if (options.single) {
    const bundle = await bundleModule(project, id);
    return () => startInProcess(project, id, bundle, port, env, log);
  }
  const main = await bundleService(project, id);
  return () => spawnService(id, main, project.dir, port, env, log, options.readyTimeoutMs ?? 60_000);
}

async function closeAll(
  gateway: DevGateway | undefined,
  model: Model,
  running: Map<string, ServiceProcess>,
  rest: readonly (() => Promise<unknown>)[],
): Promise<Record<string, number | null>> {
  await gateway?.close();
  const codes: Record<string, number | null> = {};
  const stop = async (service: ServiceProcess) => (codes[service.id] = await service.stop());
  for (const wave of stopWaves(model))
    await Promise.all(wave.flatMap((id) => (running.has(id) ? [stop(running.get(id)!)] : [])));
  const others = [...running.values()].filter((s) => !(s.id in codes));
  await Promise.all(others.map(stop));
  for (const step of rest) await step();
  return codes;
}

/**
 * With `single`, handlers that read `process.env` (a JWT secret, an external's URL) must see what
 * a service process would: the variables not set already are set for this process.
 */
function exportEnv(env: Env): void {
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && process.env[name] === undefined) process.env[name] = value;
}

/** True when the services' databases are PGlite in memory (`DATABASE_URL` unset or `pglite://memory`). */
function embeddedDatabases(env: Env): boolean {
  const url = env[RUNTIME_ENV.databaseUrl];
  return url === undefined || url === "" || url === DEFAULT_DATABASE_URL;
}

/**
 * What every service process gets: URLs of the others and of the simulated externals, the broker
 * (the embedded one, or the real one of `--broker`), and (in `provided`) the gateway secret: the
 * environment's, or the project's stable dev secret.
 */
function serviceEnv(
  base: Env,
  ports: ReadonlyMap<string, number>,
  broker: BrokerServer | DevBroker,
  provided: Env,
): Env {
  const env: Record<string, string | undefined> = { ...provided, ...base };
  for (const [name, value] of Object.entries(provided)) if (!env[name]) env[name] = value;
  for (const [id, port] of ports) env[urlVariable("service", id)] = `http://127.0.0.1:${port}`;
  env[RUNTIME_ENV.databaseUrl] ??= DEFAULT_DATABASE_URL;
  env[RUNTIME_ENV.logLevel] ??= "info";
  if ("kind" in broker) Object.assign(env, devBrokerEnv(broker));
  else if (!env[RUNTIME_ENV.kafkaBrokers]) env[RUNTIME_ENV.devBrokerUrl] = broker.url;
  return env;
}
