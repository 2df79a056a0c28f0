import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import type {
  Change,
  DevProject,
  Inspector,
  LogSink,
  RunningSystem,
  Typecheck,
  TypecheckResult,
} from "../dev/index.js";
import { runGenerate } from "./generate.js";
import { isArchkitError } from "../model/errors.js";
import { type Io, UserError } from "./io.js";
import { FREE_PORTS, withOptions } from "./options.js";
import { stopSignals } from "./signals.js";
import { loadValidSpec } from "./spec.js";

export interface DevOptions {
  /** The spec, relative to the project (default `architecture.yaml`). */
  readonly spec?: string;
  readonly single?: boolean;
  readonly watch?: boolean;
  readonly ports?: "model" | "free";
  /** A real broker for every service (`--broker amqp://...` or `kafka://host:port`). */
  readonly broker?: string;
  /** Every service loads its fixtures as it starts. */
  readonly seed?: boolean;
  /** Resolves when the user asks again while stopping (a second Ctrl-C): the services are killed. */
  readonly hurry?: Promise<unknown>;
}

interface Session {
  system: RunningSystem;
  readonly project: DevProject;
  readonly inspector: Inspector;
  readonly stateFile: string;
  readonly typecheck?: Typecheck;
  lastCheck?: TypecheckResult;
}

/**
 * Generate the project's services when needed, run the whole system until `until` resolves
 * (Ctrl-C), reload a service when its code changes and regenerate when the spec changes.
 */
export async function runDev(
  io: Io,
  dir: string | undefined,
  options: DevOptions,
  until: Promise<unknown>,
): Promise<number> {
  const dev = await import("../dev/index.js");
  if (options.broker !== undefined) parseBrokerOption(dev.parseDevBroker, options.broker);
  const project = dev.devProject(resolve(io.cwd, dir ?? "."), options.spec);
  const generated = await runGenerate(io, project.spec, { out: project.dir, only: "services" });
  if (generated !== 0) return generated;
  const system = await start(io, project, options);
  const session: Session = {
    system,
    project,
    inspector: await dev.startInspector(
      () => session.system,
      () => session.typecheck?.status(),
    ),
    stateFile: join(project.dir, ".archkit", "dev.json"),
    typecheck: dev.startTypecheck(project.dir, (result) =>
      checked(io, session, result, dev.typecheckLines(session.lastCheck, result)),
    ),
  };
  session.typecheck?.request();
  announce(io, session);
  if (!session.typecheck) io.out("typecheck off: no TypeScript found; `npm install` in the project adds it");
  let queue = Promise.resolve();
  const stopWatching =
    options.watch === false
      ? () => undefined
      : dev.watchProject(project, (changes) => (queue = queue.then(() => react(io, session, options, changes))));
  await until;
  stopWatching();
  await queue;
  return stop(io, session, options.hurry);
}

/**
 * Stops the system: requests in flight finish (the gateway first, then callers before callees,
 * up to 10 s each), then checks that no process it started is left and says plainly what was not.
 */
async function stop(io: Io, session: Session, hurry: Promise<unknown> | undefined): Promise<number> {
  io.out("stopping: letting requests in flight finish (Ctrl-C again to kill every service now)…");
  const keepAlive = setInterval(() => undefined, 60_000);
  let hurried = false;
  void hurry?.then(() => {
    hurried = true;
    io.err("killing every service now");
    session.system.kill();
  });
  const pids = session.system.services.flatMap((s) =>
    s.pid === undefined || s.pid === process.pid ? [] : [[s.id, s.pid] as const],
  );
  const codes = await session.system.close();
  await session.inspector.close();
  await session.typecheck?.close();
  clearInterval(keepAlive);
  rmSync(session.stateFile, { force: true });
  const { stillRunning } = await import("../dev/child.js");
  const left = pids.filter(([, pid]) => stillRunning(pid));
  for (const [id, pid] of left)
    io.err(`✖ ${id} (process group ${pid}) is still running after it was stopped; kill it with \`kill -KILL -${pid}\``);
  const unclean = Object.entries(codes).filter(([, code]) => code !== 0);
  for (const [id, code] of unclean)
    io.err(
      code === null
        ? `✖ ${id} did not finish ${hurried ? "before it was killed" : "within 10 s and was killed"}: requests or messages it had in flight were cut off`
        : `✖ ${id} exited with code ${code} while stopping (its log above says why)`,
    );
  if (unclean.length === 0 && left.length === 0) io.out("✔ stopped cleanly: every request finished, no process left");
  return unclean.length === 0 && left.length === 0 ? 0 : 1;
}

async function start(io: Io, project: DevProject, options: DevOptions): Promise<RunningSystem> {
  const { colourFor, parseDevBroker, prettyLogLine, readProjectModel, startSystem } = await import("../dev/index.js");
  const names: string[] = ["gateway", ...readProjectModel(project).services.map((s) => s.id), "simulator"];
  const paint = colourFor(names, io.color);
  const log: LogSink = (service, line, record) => {
    if (!names.includes(service)) names.push(service);
    for (const part of prettyLogLine(line, io.color, record).split("\n")) io.out(paint(service)(part));
  };
  try {
    return await startSystem({
      dir: project.dir,
      spec: relative(project.dir, project.spec),
      single: options.single,
      ports: options.ports,
      keepPorts: true,
      seed: options.seed,
      ...(options.broker === undefined ? {} : { broker: parseDevBroker(options.broker) }),
      log,
    });
  } catch (error) {
    if (!isArchkitError(error) || error.exitCode !== 1) throw error;
    throw new UserError(
      `the system did not start: ${error.message}`,
      error.hint ?? "fix the service named above; archkit dev reloads it when you save",
    );
  }
}

/** Refuses a --broker value that names no broker before anything starts. */
function parseBrokerOption(parse: (value: string) => unknown, value: string): void {
  try {
    parse(value);
  } catch (error) {
    throw new UserError(
      (error as Error).message,
      "give the broker's URL, e.g. --broker amqp://guest:guest@127.0.0.1:5672/",
    );
  }
}

/** Acts on a batch of changes; `session.system` is the system running afterwards. */
async function react(io: Io, session: Session, options: DevOptions, changes: readonly Change[]): Promise<void> {
  const began = performance.now();
  try {
    if (changes.some((c) => c.kind === "spec")) {
      const valid = await loadValidSpec(io, session.project.spec, "the running system is unchanged");
      if (!valid) return;
      if ((await runGenerate(io, session.project.spec, { out: session.project.dir, only: "services" })) !== 0) return;
      await session.system.close();
      session.system = await start(io, session.project, options);
      session.typecheck?.request();
      announce(io, session);
      return;
    }
    session.typecheck?.request();
    for (const change of changes) if (change.kind === "service") await session.system.restart(change.service);
    writeState(session);
    const names = changes.map((c) => (c.kind === "service" ? c.service : "spec")).join(", ");
    io.out(`↻ reloaded ${names} in ${Math.round(performance.now() - began)} ms`);
  } catch (error) {
    io.err(`archkit dev: ${(error as Error).message}`);
    io.err("the running services are unchanged; save the file again to retry");
  }
}

function announce(io: Io, session: Session): void {
  const { system } = session;
  const rows: [string, string][] = [
    ...(system.gatewayUrl ? [["gateway", system.gatewayUrl] as [string, string]] : []),
    ...system.services.map((s): [string, string] => [s.id, s.url]),
    ...Object.entries(system.externals).map(([id, url]): [string, string] => [`${id} (simulated)`, url]),
    ["inspector", `${session.inspector.url}/events`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  if (system.linkedArchkit)
    io.out(`linked ${relative(io.cwd, system.linkedArchkit)} to this archkit (the project had no archkit installed)`);
  io.out(`\n✔ ${system.model.system.title} ready in ${(system.startupMs / 1000).toFixed(1)} s`);
  for (const [name, url] of rows) io.out(`  ${name.padEnd(width)}  ${url}`);
  const token = tokenHint(io, session);
  if (token) io.out(token);
  io.out("  Ctrl-C stops everything; saving a handler reloads its service; saving the spec regenerates\n");
  writeState(session);
}

/** How to get a token the gateway accepts, when it checks tokens. */
function tokenHint(io: Io, session: Session): string | undefined {
  const { secret, model } = session.system;
  if (!secret) return undefined;
  const role = model.services
    .flatMap((s) => s.endpoints.map((e) => e.auth))
    .find((a): a is Extract<typeof a, { kind: "role" }> => a.kind === "role")?.role;
  const dir = relative(io.cwd, session.project.dir);
  const spec = relative(session.project.dir, session.project.spec);
  const args = [
    ...(dir === "" ? [] : [dir]),
    ...(spec === "architecture.yaml" ? [] : ["--spec", spec]),
    "--user",
    "alice",
    ...(role === undefined ? [] : ["--roles", role]),
  ];
  const signer = secret.kind === "env" ? `$${secret.variable}` : relative(io.cwd, secret.file);
  return `  a token: npx archkit token ${args.join(" ")}   (signed with ${signer})`;
}

/** Shows what a finished type-check found when it differs from the one before, and keeps it in `.archkit/dev.json`. */
function checked(io: Io, session: Session, result: TypecheckResult, lines: readonly string[]): void {
  session.lastCheck = result;
  for (const line of lines) io.out(line);
  writeState(session);
}

/** `.archkit/dev.json`: where everything runs, for scripts and tools (removed on exit). */
function writeState(session: Session): void {
  const { system } = session;
  mkdirSync(join(session.project.dir, ".archkit"), { recursive: true });
  const state = {
    pid: process.pid,
    gatewayUrl: system.gatewayUrl,
    services: system.services,
    externals: system.externals,
    inspector: session.inspector.url,
    startupMs: system.startupMs,
    typecheck: session.typecheck?.status(),
  };
  writeFileSync(session.stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

export function registerDev(program: Command, io: Io, setExit: (code: number) => void): void {
  withOptions(
    program
      .command("dev")
      .description(
        "Run the generated project on one machine: every service, the gateway and simulated externals on embedded defaults",
      )
      .argument("[dir]", "the generated project", "."),
    [
      ["--spec <file>", "the spec, relative to the project", "architecture.yaml"],
      ["--single", "run every service in this process instead of one process each"],
      ["--no-watch", "do not reload on changes"],
      FREE_PORTS,
      ["--broker <url>", "run every service on this broker: amqp://... (RabbitMQ) or kafka://host:port (Kafka)"],
      ["--seed", "every service loads its fixtures (src/fixtures.ts) as it starts; rows already there are skipped"],
    ],
  )
    .addHelpText(
      "after",
      [
        "",
        "DATABASE_URL, REDIS_URL and KAFKA_BROKERS switch parts to real servers; --broker amqp://... runs the events on RabbitMQ.",
        "",
        "Ctrl-C, or SIGINT, SIGTERM or SIGHUP to archkit (or to the npx that started it), stops everything:",
        "requests in flight finish first; a second one kills the services at once. archkit exits when",
        "no process it started is left, and names any service that could not finish.",
        "",
        "Examples:",
        "  $ archkit dev",
        "  $ archkit dev examples/shop --spec ../../architecture.yaml",
        "  $ archkit dev --seed",
      ].join("\n"),
    )
    .action(
      async (
        dir: string,
        opts: { spec: string; single?: boolean; watch: boolean; freePorts?: boolean; broker?: string; seed?: boolean },
      ) => {
        const signals = stopSignals(io);
        try {
          const ports = opts.freePorts ? "free" : "model";
          const options = {
            spec: opts.spec,
            single: opts.single,
            watch: opts.watch,
            ports,
            hurry: signals.hurry,
            broker: opts.broker,
            seed: opts.seed,
          } as const;
          setExit(await runDev(io, dir, options, signals.until));
        } finally {
          signals.release();
        }
      },
    );
}
