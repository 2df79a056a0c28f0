import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { loadTypescript, typeChecker, type TypecheckError } from "./typecheck-program.js";

/** What one check of the project found, or why it could not run. */
export type CheckReply =
  | { readonly kind: "checked"; readonly errors: readonly TypecheckError[]; readonly ms: number }
  | { readonly kind: "failed"; readonly message: string };

/** The latest check, for `.archkit/dev.json`, the inspector and the terminal. */
export type TypecheckResult = CheckReply & { readonly at: string };

export interface TypecheckStatus {
  /** True while a check runs. */
  readonly running: boolean;
  /** Whose TypeScript checks: the project's own, or the one archkit brings. */
  readonly typescript: "project" | "archkit";
  /** Absent until the first check is done. */
  readonly last?: TypecheckResult;
}

/** A type-check of the project that runs beside `archkit dev`, never in the way of a reload. */
export interface Typecheck {
  /** Checks the project as it is now; when a check is running, one more follows it. */
  request(): void;
  status(): TypecheckStatus;
  close(): Promise<void>;
}

/** The compiled worker (absent when archkit runs from its TypeScript sources: the check then runs in this thread). */
const WORKER = fileURLToPath(new URL("./typecheck-worker.js", import.meta.url));

/**
 * Starts the project's type-check in a worker thread, with the project's own TypeScript when it
 * has one (else archkit's); `onResult` gets each finished check. Undefined when no TypeScript is found.
 *
 * @example
 * const typecheck = startTypecheck("examples/shop", (result) => console.log(result));
 * typecheck?.request();
 */
export function startTypecheck(projectDir: string, onResult: (result: TypecheckResult) => void): Typecheck | undefined {
  const found = typescriptFor(projectDir);
  if (!found) return undefined;
  let running = false;
  let again = false;
  let last: TypecheckResult | undefined;
  let closed = false;
  const done = (reply: CheckReply) => {
    running = false;
    last = { ...reply, at: new Date().toISOString() };
    if (closed) return;
    onResult(last);
    if (again) request();
  };
  const checker = existsSync(WORKER)
    ? workerChecker(found.path, projectDir, done)
    : threadChecker(found.path, projectDir, done);
  const request = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    checker.check();
  };
  return {
    request,
    status: () => ({ running, typescript: found.from, ...(last === undefined ? {} : { last }) }),
    close: async () => {
      closed = true;
      await checker.close();
    },
  };
}

interface Checker {
  check(): void;
  close(): Promise<unknown>;
}

function workerChecker(typescript: string, projectDir: string, done: (reply: CheckReply) => void): Checker {
  const worker = new Worker(WORKER, { workerData: { typescript, projectDir } });
  worker.on("message", (reply: CheckReply) => done(reply));
  worker.on("error", (error) => done({ kind: "failed", message: error.message }));
  return { check: () => worker.postMessage("check"), close: () => worker.terminate() };
}

function threadChecker(typescript: string, projectDir: string, done: (reply: CheckReply) => void): Checker {
  const check = typeChecker(loadTypescript(typescript), projectDir);
  return {
    check: () =>
      setImmediate(() => {
        const began = performance.now();
        try {
          done({ kind: "checked", errors: check(), ms: Math.round(performance.now() - began) });
        } catch (error) {
          done({ kind: "failed", message: (error as Error).message });
        }
      }),
    close: async () => undefined,
  };
}

/** The project's `typescript` when it has one installed, else the one archkit brings (or bundles with ts-morph). */
function typescriptFor(projectDir: string): { path: string; from: "project" | "archkit" } | undefined {
  const candidates = [
    [createRequire(join(projectDir, "package.json")), "typescript", "project"],
    [createRequire(import.meta.url), "typescript", "archkit"],
    [createRequire(import.meta.url), "@ts-morph/common", "archkit"],
  ] as const;
  for (const [require, name, from] of candidates) {
    try {
      return { path: require.resolve(name), from };
    } catch {}
  }
  return undefined;
}

const SHOWN_ERRORS = 20;

/**
 * The terminal's lines for a finished check, given the one before: nothing when the errors are the
 * same, each error as `file:line:column: message (TScode)`, or one line when the project is clean (again).
 *
 * @example
 * typecheckLines(undefined, { kind: "checked", errors: [], ms: 1200, at }); // ["✔ typecheck: no errors (1.2 s)"]
 */
export function typecheckLines(previous: TypecheckResult | undefined, next: TypecheckResult): string[] {
  if (previous !== undefined && sameFindings(previous, next)) return [];
  if (next.kind === "failed") return [`✖ typecheck could not run: ${next.message}`];
  const took = `${(next.ms / 1000).toFixed(1)} s`;
  if (next.errors.length === 0)
    return [previous === undefined ? `✔ typecheck: no errors (${took})` : `✔ typecheck: clean again (${took})`];
  const more = next.errors.length - SHOWN_ERRORS;
  return [
    `✖ typecheck: ${next.errors.length === 1 ? "1 error" : `${next.errors.length} errors`} (${took})`,
    ...next.errors.slice(0, SHOWN_ERRORS).map((e) => `  ${errorLine(e)}`),
    ...(more > 0 ? [`  … and ${more} more (all of them in .archkit/dev.json)`] : []),
  ];
}

function errorLine(error: TypecheckError): string {
  const where = error.file === undefined ? "" : `${error.file}:${error.line}:${error.column}: `;
  return `${where}${error.message.replaceAll("\n", "\n    ")} (TS${error.code})`;
}

function sameFindings(a: TypecheckResult, b: TypecheckResult): boolean {
  const findings = (r: TypecheckResult) => (r.kind === "failed" ? r.message : JSON.stringify(r.errors));
  return a.kind === b.kind && findings(a) === findings(b);
}
