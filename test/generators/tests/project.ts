import { execFile } from "node:child_process";
import { access, copyFile, cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { archkit, ROOT, tempDir } from "../../cli/helpers.js";

const run = promisify(execFile);
const FIXTURE = join(ROOT, "test/generators/tests/fixtures/store");

/**
 * The store fixture generated into a temp dir with its hand-written handlers and fixtures; `archkit`, `vitest`
 * and `@types` resolve to this checkout.
 */
export async function storeProject(): Promise<string> {
  const dir = await tempDir();
  await copyFile(join(FIXTURE, "architecture.yaml"), join(dir, "architecture.yaml"));
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "archkit"));
  for (const name of ["@types", "vitest"])
    await symlink(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  const generated = await archkit(["generate", "--only", "services,tests"], dir);
  if (generated.code !== 0) throw new Error(`archkit generate failed: ${generated.stderr}`);
  for (const service of ["catalog", "orders"]) {
    const src = join(dir, "services", service, "src");
    await copyFile(join(FIXTURE, "handlers", `${service}.ts.txt`), join(src, "handlers.ts"));
    await copyFile(join(FIXTURE, "fixtures", `${service}.ts.txt`), join(src, "fixtures.ts"));
  }
  return dir;
}

const SHOP = join(ROOT, "examples", "shop");

/** examples/shop is there with its generated services. */
export const hasShop = await access(join(SHOP, "services", "model.json")).then(
  () => true,
  () => false,
);

/** A copy of examples/shop (the root spec, its services and handlers), its contract tests generated when asked. */
export async function shopProject(options: { readonly tests: boolean }): Promise<string> {
  const dir = await tempDir();
  for (const name of ["services", "package.json", "tsconfig.json"])
    await cp(join(SHOP, name), join(dir, name), { recursive: true });
  await copyFile(join(ROOT, "architecture.yaml"), join(dir, "architecture.yaml"));
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "archkit"));
  for (const name of ["@types", "vitest"])
    await symlink(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  if (options.tests) {
    const generated = await archkit(["generate", "--only", "tests"], dir);
    if (generated.code !== 0) throw new Error(`archkit generate failed: ${generated.stderr}`);
  }
  return dir;
}

/** Replaces `from` in a service's handlers.ts; fails when it is not there. */
export async function editHandlers(dir: string, service: string, from: string, to: string): Promise<void> {
  const file = join(dir, "services", service, "src", "handlers.ts");
  const text = await readFile(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(file, text.replace(from, to));
}

export interface VitestOutcome {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Test full names with their failure messages. */
  readonly failures: readonly { readonly name: string; readonly message: string }[];
  readonly skips: readonly string[];
}

interface JsonReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
  readonly testResults: readonly {
    readonly assertionResults: readonly {
      readonly fullName: string;
      readonly status: string;
      readonly failureMessages: readonly string[];
    }[];
  }[];
}

/** Runs the project's vitest as a child process with the JSON reporter. */
export async function runVitest(dir: string, files: readonly string[] = []): Promise<VitestOutcome> {
  const out = join(dir, "vitest-report.json");
  const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
  await run(process.execPath, [vitest, "run", "--reporter=json", `--outputFile=${out}`, ...files], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1", CI: "" },
  }).catch(() => undefined);
  const report = JSON.parse(await readFile(out, "utf8")) as JsonReport;
  const tests = report.testResults.flatMap((r) => r.assertionResults);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    failures: tests
      .filter((t) => t.status === "failed")
      .map((t) => ({ name: t.fullName, message: t.failureMessages.join("\n") })),
    skips: tests
      .filter((t) => t.status === "skipped" || t.status === "pending" || t.status === "todo")
      .map((t) => t.fullName),
  };
}

export async function typecheck(dir: string, project: string): Promise<string> {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const result = await run(process.execPath, [tsc, "-p", project], { cwd: dir }).catch((error: { stdout: string }) => ({
    stdout: error.stdout,
  }));
  return result.stdout.trim();
}
