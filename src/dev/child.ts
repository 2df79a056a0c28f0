import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { LogSink } from "./logs.js";
import { ArchkitError } from "../model/errors.js";
import { waitReady } from "./ready.js";

/** A service of the project running in a process of its own. */
export interface ServiceProcess {
  readonly id: string;
  readonly url: string;
  readonly pid: number | undefined;
  /**
   * SIGTERM to its process group (graceful shutdown: requests in flight finish), SIGKILL after
   * `graceMs`; resolves with the exit code, null when it had to be killed.
   */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL to its process group now (a second Ctrl-C). */
  kill(): void;
}

/** A service of the project that did not start: its own code failed (it exited, threw or never got ready). */
export class ServiceStartError extends ArchkitError {
  override readonly name = "ServiceStartError";
  override readonly code = "service-did-not-start";
}

/**
 * `--liftoff-only`: V8 runs PGlite's WebAssembly with its baseline compiler only. Starting a
 * service then takes about a quarter less CPU (no optimizing recompilation on background threads)
 * and short queries, what a dev system runs, are no slower (measured in docs/dev.md).
 */
const NODE_FLAGS = ["--enable-source-maps", "--liftoff-only"] as const;

/** The compiled watchdog (absent when archkit runs from its TypeScript sources, e.g. under vitest). */
const WATCHDOG = fileURLToPath(new URL("./watchdog.js", import.meta.url));
const watchdogFlags = (): readonly string[] => (existsSync(WATCHDOG) ? ["--import", WATCHDOG] : []);

/**
 * Runs a service's compiled `main` (`bundleService`) with node in a child process started in
 * `cwd`, its output line by line to `log`, and resolves once `/readyz` answers 200. Rejects with
 * the last lines of its output when it exits or is not ready within `timeoutMs`.
 *
 * The child leads a process group of its own: a Ctrl-C in the terminal reaches only `archkit`,
 * which stops the services in order (see `stop`), and a stop reaches anything the service started.
 * A watchdog in the child stops it when this process is gone.
 */
export async function spawnService(
  id: string,
  main: string,
  cwd: string,
  port: number,
  env: Readonly<Record<string, string | undefined>>,
  log: LogSink,
  timeoutMs = 30_000,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...NODE_FLAGS, ...watchdogFlags(), main], {
    cwd,
    env: { ...env, PORT: String(port), ARCHKIT_DEV_PARENT: String(process.pid) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const tail: string[] = [];
  const url = `http://127.0.0.1:${port}`;
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    if (line !== startedLine(id, url)) log(id, line);
  };
  createInterface({ input: child.stdout! }).on("line", onLine);
  createInterface({ input: child.stderr! }).on("line", onLine);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await waitReady(url, { timeoutMs, exited, what: `service ${id}` });
  } catch (error) {
    signalGroup(child, "SIGKILL");
    throw new ServiceStartError(
      `${(error as Error).message}${tail.length > 0 ? `; its last output:\n  ${tail.join("\n  ")}` : ""}`,
    );
  }
  return {
    id,
    url,
    pid: child.pid,
    stop: (graceMs = 10_000) => stopChild(child, exited, graceMs),
    kill: () => signalGroup(child, "SIGKILL"),
  };
}

/**
 * What a generated `main.ts` prints once its service listens (templates/services/main.ts.hbs), for
 * a reader of its raw JSON log; the dev terminal shows the runtime's own `listening` line instead.
 */
function startedLine(id: string, url: string): string {
  return `${id} listening on ${url}`;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, "SIGKILL");
    return child.exitCode;
  }
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  const code = await exited;
  clearTimeout(timer);
  signalGroup(child, "SIGKILL");
  return code;
}

/** Sends `signal` to the child's process group: the service and anything it started. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * True while a process with this id, or its process group, still runs.
 *
 * @example
 * if (stillRunning(service.pid)) console.error(`${service.id} is still running`);
 */
export function stillRunning(pid: number): boolean {
  for (const target of [pid, -pid]) {
    try {
      process.kill(target, 0);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EPERM") return true;
    }
  }
  return false;
}
