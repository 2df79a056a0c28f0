import { spawn, type ChildProcess } from "node:child_process";
import { cp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MODEL_FILE, readModelFile } from "../../src/model/index.js";
import { issueToken } from "../../src/runtime/gateway/index.js";
import { tempDir } from "../cli/helpers.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "bin", "archkit.js");

/** What `archkit dev` writes to `<project>/.archkit/dev.json` once everything answers. */
export interface DevState {
  readonly pid: number;
  readonly gatewayUrl: string;
  readonly services: readonly {
    readonly id: string;
    readonly url: string;
    readonly port: number;
    readonly pid: number;
  }[];
  readonly externals: Readonly<Record<string, string>>;
  readonly inspector: string;
  readonly startupMs: number;
  /** The latest background type-check; changes on its own, so `state(previous)` does not compare it. */
  readonly typecheck?: {
    readonly running: boolean;
    readonly last?: {
      readonly kind: string;
      readonly errors?: readonly { readonly file?: string; readonly code: number }[];
    };
  };
}

/** `archkit dev` running through the real CLI in a process of its own. */
export interface DevRun {
  readonly dir: string;
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the state file once it exists and differs from `previous`. */
  state(previous?: DevState, timeoutMs?: number): Promise<DevState>;
  /** Waits until the output (from `from` on) matches. */
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
  /** SIGINT, as Ctrl-C; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A copy of the example shop (without node_modules) and the root spec beside it, in a temporary folder. */
export async function copyShop(): Promise<string> {
  const dir = await tempDir("archkit-dev-");
  await cp(join(ROOT, "examples", "shop"), dir, {
    recursive: true,
    filter: (source) => !source.includes("node_modules") && !source.endsWith(".archkit/dev.json"),
  });
  await cp(join(ROOT, "architecture.yaml"), join(dir, "architecture.yaml"));
  return dir;
}

export function startDev(dir: string, args: readonly string[] = ["--free-ports"]): DevRun {
  const child = spawn(process.execPath, [CLI, "dev", dir, ...args], {
    env: { ...process.env, NO_COLOR: "1", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stateFile = join(dir, ".archkit", "dev.json");
  const until = async <T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`archkit dev exited (${child.exitCode}) while waiting for ${what}:\n${output}`);
      const found = await probe();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${what} within ${timeoutMs} ms; archkit dev printed:\n${output}`);
  };
  return {
    dir,
    child,
    output: () => output,
    state: (previous, timeoutMs = 90_000) =>
      until("state file", timeoutMs, async () => {
        const text = await readFile(stateFile, "utf8").catch(() => undefined);
        const state = text === undefined ? undefined : parsed(text);
        return state === undefined || (previous && withoutTypecheck(previous) === withoutTypecheck(state))
          ? undefined
          : state;
      }),
    waitFor: (pattern, from = 0, timeoutMs = 60_000) =>
      until(`output matching ${pattern}`, timeoutMs, async () => pattern.exec(output.slice(from))?.[0]),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}

function withoutTypecheck(state: DevState): string {
  return JSON.stringify({ ...state, typecheck: undefined });
}

/** The state, or undefined while the file is half written. */
function parsed(text: string): DevState | undefined {
  try {
    return JSON.parse(text) as DevState;
  } catch {
    return undefined;
  }
}

export async function removeCopy(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** True while a process with this id exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An administrator's token for a copy's gateway, signed with its dev secret: what `archkit token --roles admin` prints. */
export async function adminToken(dir: string): Promise<string> {
  const secret = (await readFile(join(dir, ".archkit", "dev-secret"), "utf8")).trim();
  const auth = readModelFile(join(dir, MODEL_FILE)).model.gateway!.auth!;
  return (await issueToken({ sub: "support", roles: ["admin"] }, { auth, secret })).accessToken;
}
