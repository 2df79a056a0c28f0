import { execFile, spawn } from "node:child_process";

export interface Command {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What `archkit dev` writes to `.archkit/dev.json`. */
export interface DevState {
  readonly pid: number;
  readonly gatewayUrl: string;
  readonly services: readonly { readonly id: string; readonly pid: number }[];
}

/**
 * The environment of a user's shell: without the npm_* variables of the `npm test` that may run
 * this suite (they carry this repository's config, e.g. ignore-scripts).
 */
export function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_") && name !== "INIT_CWD"),
  );
}

export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<Command> {
  return new Promise((resolve) =>
    execFile(
      command,
      [...args],
      { cwd, env: { ...userEnv(), NO_COLOR: "1" }, timeout: timeoutMs, maxBuffer: 64 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
}

export const npm = (args: readonly string[], cwd: string) => run("npm", args, cwd);

export interface Started {
  readonly pid: number;
  readonly exited: Promise<number | null>;
  output(): string;
  /** SIGKILL to the whole process group, for cleanup after a failure. */
  killGroup(): void;
}

/** `npx <args>` as a user starts it, in a process group of its own so a failed test can clean up. */
export function startNpx(args: readonly string[], cwd: string): Started {
  const child = spawn("npx", [...args], {
    cwd,
    env: { ...userEnv(), NO_COLOR: "1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    pid: child.pid!,
    exited,
    output: () => output,
    killGroup: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    },
  };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Polls `probe` until it returns a value; fails with `context()` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  context: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms; output so far:\n${context()}`);
}
