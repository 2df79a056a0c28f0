import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";

/** What `archkit dev` writes to `<project>/.archkit/dev.json` once every service answers. */
export interface DevState {
  readonly gatewayUrl: string;
  readonly services: readonly { readonly id: string; readonly url: string }[];
  readonly externals: Readonly<Record<string, string>>;
  readonly inspector: string;
  readonly startupMs: number;
}

/** One event as the inspector of `archkit dev` reports it. */
export interface EventRecord {
  readonly id: string;
  readonly type: string;
  readonly topic: string;
  readonly correlationId?: string;
  readonly deliveries: readonly { readonly group: string; readonly ok: boolean; readonly ms: number }[];
}

export interface RunningShop {
  readonly state: DevState;
  readonly logFile: string;
  /** The lines `archkit dev` printed that are not service logs (the table of URLs, reloads, errors). */
  readonly notices: readonly string[];
  serviceUrl(id: string): string;
  /** A token for an administrator (support tooling), from `archkit token` with the project's dev secret. */
  adminToken(): Promise<string>;
  events(): Promise<EventRecord[]>;
  logs(service: string): Promise<Record<string, unknown>[]>;
  received(external: string): Promise<{ readonly body: Record<string, unknown>; readonly status: number }[]>;
  /** Resolves with archkit dev's exit code (after Ctrl-C, or after `stop`). */
  readonly exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Starts `archkit dev` on the project (a child process whose output goes to
 * `<project>/.archkit/dev.log`), on `broker` when given (`--broker`), and resolves once `.archkit/dev.json` says everything answers.
 */
export async function startShop(cli: string, project: string, spec: string, broker?: string): Promise<RunningShop> {
  const stateFile = join(project, ".archkit", "dev.json");
  const logFile = join(project, ".archkit", "dev.log");
  await mkdir(join(project, ".archkit"), { recursive: true });
  await rm(stateFile, { force: true });
  const args = [cli, "dev", project, "--spec", spec, "--no-watch", ...(broker ? ["--broker", broker] : [])];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(logFile);
  const notices: string[] = [];
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString().split("\n"))
      if (line.trim() !== "" && !line.includes(" │ ")) notices.push(line);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  void exited.then(() => log.end());
  const state = await readyState(child, stateFile, notices);
  const get = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;
  return {
    state,
    logFile,
    notices,
    serviceUrl: (id) => state.services.find((s) => s.id === id)?.url ?? "",
    adminToken: () => adminToken(cli, project, spec),
    events: () => get(`${state.inspector}/events`),
    logs: (service) => get(`${state.inspector}/logs/${service}`),
    received: (external) => get(`${state.inspector}/externals/${external}`),
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}

async function readyState(child: ChildProcess, stateFile: string, notices: readonly string[]): Promise<DevState> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`archkit dev exited with ${child.exitCode}:\n${notices.join("\n")}`);
    const text = await readFile(stateFile, "utf8").catch(() => undefined);
    if (text !== undefined) {
      try {
        return JSON.parse(text) as DevState;
      } catch {
        // half written; read again
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGINT");
  throw new Error(`archkit dev was not ready within 120 s:\n${notices.join("\n")}`);
}

/** `archkit token --user support --roles admin` on the project: what a support engineer would run. */
function adminToken(cli: string, project: string, spec: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, "token", project, "--spec", spec, "--user", "support", "--roles", "admin"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`archkit token failed: ${err}`)),
    );
  });
}
