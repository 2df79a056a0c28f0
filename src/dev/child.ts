import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { LogSink } from "./logs.js";
import { ArchkitError } from "../model/errors.js";
import { waitReady } from "./ready.js";

/** A service of the project running in a process of its own. */
export interface ServiceProcess {
  readonly id: string;
  readonly url: string;
  readonly pid: number | undefined;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
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

/**
 * Runs a service's compiled `main` (`bundleService`) with node in a child process started in
 * `cwd`, its output line by line to `log`, and resolves once `/readyz` answers 200. Rejects with
 * the last lines of its output when it exits or is not ready within `timeoutMs`.
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
  const child = spawn(process.execPath, [...NODE_FLAGS, main], {
    cwd,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    log(id, line);
  };
  createInterface({ input: child.stdout! }).on("line", onLine);
  createInterface({ input: child.stderr! }).on("line", onLine);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, { timeoutMs, exited, what: `service ${id}` });
  } catch (error) {
    child.kill("SIGKILL");
    throw new ServiceStartError(
      `${(error as Error).message}${tail.length > 0 ? `; its last output:\n  ${tail.join("\n  ")}` : ""}`,
    );
  }
  return { id, url, pid: child.pid, stop: (graceMs = 10_000) => stopChild(child, exited, graceMs) };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
