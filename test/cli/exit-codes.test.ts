import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type CliResult, ROOT, STACK_LINE } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "archkit-exit-codes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPEC = `archkit: 1
system: { name: tiny, title: Tiny }
services:
  echo:
    endpoints:
      ping:
        method: GET
        path: /ping
        latency: { p95: 50ms }
        responses: { 200: { type: object, properties: { ok: { type: boolean } } } }
`;
writeFileSync(join(dir, "architecture.yaml"), SPEC);

/** Loaded before the CLI: every write to stdout fails, as on a full disk or a closed pipe. */
const BROKEN_STDOUT = join(dir, "broken-stdout.mjs");
writeFileSync(
  BROKEN_STDOUT,
  'process.stdout.write = () => { throw Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" }); };\n',
);

/** Loaded before the CLI: no server can listen, as when the OS refuses every port. */
const NO_LISTEN = join(dir, "no-listen.mjs");
writeFileSync(
  NO_LISTEN,
  `import net from "node:net";
net.Server.prototype.listen = function () {
  throw Object.assign(new Error("listen EACCES: permission denied"), { code: "EACCES", syscall: "listen" });
};
`,
);

function run(
  args: readonly string[],
  options: { preload?: string; cwd?: string; brokenStdout?: boolean } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ARCHKIT_DEBUG: "" };
  const preload = options.brokenStdout ? BROKEN_STDOUT : options.preload;
  if (preload) env.NODE_OPTIONS = `--import=${pathToFileURL(preload).href}`;
  const cwd = options.cwd ?? dir;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin", "archkit.js"), ...args],
      { cwd, env, timeout: 90_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const LOAD = ["--base-url", "http://127.0.0.1:9", "--duration", "1s", "--warmup", "0", "--rate", "2"];

/** Each command's mistakes a user can make: exit 1 and a message saying what is wrong. */
const USER_MISTAKES: readonly { command: string; args: readonly string[]; message: RegExp }[] = [
  {
    command: "init",
    args: ["init", "."],
    message: /architecture\.yaml.* already exists?; nothing was written\nhint: /,
  },
  { command: "init", args: ["init", "new", "--name", "Not Kebab"], message: /--name "Not Kebab" is not kebab-case/ },
  { command: "validate", args: ["validate", "--format", "xml"], message: /unknown format "xml"/ },
  { command: "validate", args: ["validate", "nope.yaml"], message: /nope\.yaml:1:1 error AK001 cannot read/ },
  { command: "generate", args: ["generate", "nope.yaml"], message: /nope\.yaml:1:1 error AK001/ },
  { command: "infra render", args: ["infra", "render", "--env", "nowhere"], message: /nowhere/ },
  { command: "docs", args: ["docs", "--format", "pdf"], message: /unknown format "pdf"/ },
  { command: "sla", args: ["sla", "--rate", "0"], message: /--rate must be a whole number of at least 1/ },
  { command: "dev", args: ["dev", ".", "--spec", "nope.yaml"], message: /nope\.yaml:1:1 error AK001/ },
  { command: "dev", args: ["dev", "--port", "1"], message: /unknown option '--port'/ },
  { command: "(none)", args: ["valdate"], message: /unknown command 'valdate'/ },
];

/** The same commands when archkit's environment fails under them: exit 2, one line, no stack trace. */
const INTERNAL_FAILURES: readonly { command: string; args: readonly string[] }[] = [
  { command: "init", args: ["init", "fresh"] },
  { command: "validate", args: ["validate"] },
  { command: "generate", args: ["generate", "--only", "docs", "--out", "out-generate"] },
  { command: "infra render", args: ["infra", "render", "--out", "out-infra"] },
  { command: "docs", args: ["docs", "--out", "out-docs"] },
  { command: "sla", args: ["sla", ...LOAD] },
  { command: "dev", args: ["dev", ".", "--no-watch"] },
];

describe("exit codes: 0 ok, 1 the user's mistake or a failed check, 2 archkit failed", () => {
  it.each(USER_MISTAKES)("$command $args: exit 1 with a message", { timeout: 60_000 }, async ({ args, message }) => {
    const result = await run(args);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout + result.stderr).toMatch(message);
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });

  it.each(INTERNAL_FAILURES)("$command $args: exit 2 in one line", { timeout: 60_000 }, async ({ args }) => {
    const result = await run(args, { brokenStdout: true });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^archkit: internal error: EIO: i\/o error, write \(set ARCHKIT_DEBUG=1/m);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  describe("archkit dev when the system does not start", () => {
    const project = join(dir, "project");

    it("a service whose own code fails: exit 1", { timeout: 120_000 }, async () => {
      mkdirSync(project);
      writeFileSync(join(project, "architecture.yaml"), SPEC);
      expect((await run(["generate", "--only", "services"], { cwd: project })).code).toBe(0);
      writeFileSync(join(project, "services", "echo", "src", "handlers.ts"), 'throw new Error("handlers broke");\n');
      const result = await run(["dev", "--no-watch", "--free-ports"], { cwd: project });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/^archkit: the system did not start: service echo exited before it was ready/m);
      expect(result.stderr).toMatch(/^hint: /m);
    });

    it("no port can be opened: exit 2, not the user's mistake", { timeout: 120_000 }, async () => {
      const result = await run(["dev", "--no-watch", "--single"], { cwd: project, preload: NO_LISTEN });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/^archkit: internal error: listen EACCES: permission denied/m);
      expect(result.stderr).not.toMatch(STACK_LINE);
    });
  });

  it("a valid spec exits 0", async () => {
    expect((await run(["validate"])).code).toBe(0);
  });
});
