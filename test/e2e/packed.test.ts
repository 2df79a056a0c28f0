/**
 * END-TO-END, SLOW (about two minutes): what a team does with the packed package, in temporary
 * folders that see no file of this repository. `npm pack`; then in an empty folder and in an
 * existing CommonJS project with its own dependencies and scripts: install the tarball, `npx archkit
 * init`, `generate`, `npm install`, type-check, `npx archkit dev`, a request with a token from
 * `npx archkit token` that is still in flight when the process the user started (npx) is signalled,
 * (in the empty folder also a short `npx archkit sla --free-ports`) and no process left afterwards; and `npx --package <tarball> archkit` without installing. Installs are offline
 * where the npm cache allows.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../cli/helpers.js";
import { alive, type Command, type DevState, npm, run, startNpx, waitFor } from "./packed-helpers.js";

const NOTE_ID = "0b0e3c1e-1c7e-4a8e-9d7c-2f1d4a6b5c3d";

/** getNote answers after 1.5 s, so a stop signal arrives while it is in flight; createNote answers at once (for sla). */
const SLOW_HANDLERS = `import { randomUUID } from "node:crypto";
import type { Handlers } from "./generated/index.js";

export const handlers: Handlers = {
  async createNote(req) {
    const author = req.ctx.user?.id ?? "anonymous";
    return { status: 201, body: { id: randomUUID(), author, text: req.body.text, createdAt: new Date().toISOString() } };
  },

  async getNote(req) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return { status: 200, body: { id: req.params.noteId, author: "alice", text: "slow", createdAt: new Date().toISOString() } };
  },
};
`;

let tarball: string;
let packedFiles: readonly string[];

/** `npm install <args>` offline, or preferring the cache when a package is not in it. */
async function install(dir: string, args: readonly string[]): Promise<Command> {
  const offline = await npm(["install", ...args, "--offline", "--no-audit", "--no-fund"], dir);
  if (offline.code === 0) return offline;
  return npm(["install", ...args, "--prefer-offline", "--no-audit", "--no-fund"], dir);
}

/** init (minimal), generate, npm install, tsc: returns generate's output. */
async function setUp(dir: string): Promise<string> {
  const installed = await install(dir, [tarball]);
  expect(installed.code, installed.stderr).toBe(0);
  expect(installed.stderr).not.toContain("EBADENGINE");
  const init = await run("npx", ["archkit", "init", "--template", "minimal"], dir);
  expect(init.code, init.stderr).toBe(0);
  const generated = await run("npx", ["archkit", "generate"], dir);
  expect(generated.code, generated.stderr).toBe(0);
  const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  expect(pkg.dependencies.archkit).toMatch(/^file:.*archkit-\d+\.\d+\.\d+\.tgz$/);
  const deps = await install(dir, []);
  expect(deps.code, deps.stderr).toBe(0);
  const typecheck = await run("npx", ["tsc", "--noEmit", "-p", "."], dir);
  expect(typecheck.code, typecheck.stdout + typecheck.stderr).toBe(0);
  return generated.stdout;
}

/** Reads `.archkit/dev.json` once `archkit dev` has written it. */
function devState(dir: string, output: () => string): Promise<DevState> {
  return waitFor<DevState>(
    async () => {
      const text = await readFile(join(dir, ".archkit/dev.json"), "utf8").catch(() => undefined);
      return text === undefined ? undefined : (JSON.parse(text) as DevState);
    },
    90_000,
    output,
  );
}

/** `npx archkit sla --free-ports`, briefly: the minimal template's flow through the gateway, a JSON report. */
async function measure(dir: string): Promise<void> {
  const args = ["archkit", "sla", "--free-ports", "--duration", "1s", "--warmup", "0", "--out", "sla.json"];
  const sla = await run("npx", args, dir);
  expect(sla.code, sla.stdout + sla.stderr).toBe(0);
  expect(sla.stdout).toContain("✔ 1 target within budget");
  const report = JSON.parse(await readFile(join(dir, "sla.json"), "utf8")) as {
    pass: boolean;
    system: string;
    targets: { kind: string; name: string; request: string; via: string; pass: boolean }[];
  };
  expect(report.system).toMatch(
    /^started by archkit \(2 services, embedded defaults, gateway http:\/\/127\.0\.0\.1:\d+\)$/,
  );
  expect(report.pass).toBe(true);
  expect(report.targets).toEqual([
    expect.objectContaining({ kind: "flow", name: "writeNote", request: "POST /notes", via: "gateway", pass: true }),
  ]);
}

/** archkit killed outright cannot stop its services: each notices and stops itself. */
async function killOutright(dir: string): Promise<void> {
  const dev = startNpx(["archkit", "dev", "--free-ports", "--no-watch"], dir);
  try {
    const state = await devState(dir, () => dev.output());
    process.kill(state.pid, "SIGKILL");
    const services = state.services.map((s) => s.pid);
    await waitFor(
      async () => (services.some(alive) ? undefined : true),
      10_000,
      () => dev.output(),
    );
  } finally {
    dev.killGroup();
  }
}

/**
 * `npx archkit dev`, a slow request with a token, then mid-request `signal` to npx (`group`: to
 * its whole process group, as Ctrl-C in a terminal does): the request finishes, everything ends.
 */
async function runAndStop(dir: string, signal: NodeJS.Signals, group: boolean): Promise<void> {
  await writeFile(join(dir, "services/notes/src/handlers.ts"), SLOW_HANDLERS);
  const dev = startNpx(["archkit", "dev", "--free-ports", "--no-watch"], dir);
  try {
    const state = await waitFor<DevState>(
      async () => {
        const text = await readFile(join(dir, ".archkit/dev.json"), "utf8").catch(() => undefined);
        return text === undefined ? undefined : (JSON.parse(text) as DevState);
      },
      90_000,
      () => dev.output(),
    );
    expect(dev.output()).toContain("a token: npx archkit token --user alice");
    const token = await run("npx", ["archkit", "token", "--user", "alice"], dir);
    expect(token.code, token.stderr).toBe(0);
    const url = `${state.gatewayUrl}/notes/${NOTE_ID}`;
    expect((await fetch(url)).status).toBe(401);
    const pending = fetch(url, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    process.kill(group ? -dev.pid : dev.pid, signal);
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { id: string }).id).toBe(NOTE_ID);
    const exited = await Promise.race([dev.exited, new Promise((resolve) => setTimeout(resolve, 30_000, "running"))]);
    expect(exited, dev.output()).not.toBe("running");
    const pids = [state.pid, ...state.services.map((s) => s.pid)];
    await waitFor(
      async () => (pids.some(alive) ? undefined : true),
      15_000,
      () => dev.output(),
    );
    expect(dev.output()).toContain("✔ stopped cleanly: every request finished, no process left");
  } finally {
    dev.killGroup();
  }
}

describe("END-TO-END (slow): the packed archkit in a team's own project", () => {
  beforeAll(async () => {
    const out = await tempDir("archkit-e2e-pack-");
    const packed = await npm(["pack", "--json", "--pack-destination", out], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(out, info!.filename);
    packedFiles = info!.files.map((f) => f.path);
  }, 60_000);

  it("packs dist, docs and templates, and no source maps", () => {
    expect(packedFiles).toContain("dist/cli/index.js");
    expect(packedFiles).toContain("docs/dev.md");
    expect(packedFiles).toContain("templates/init/minimal.yaml");
    expect(packedFiles.filter((f) => f.endsWith(".map"))).toEqual([]);
  });

  it("works in an empty folder: init, generate, install, type-check, dev with a token, Ctrl-C, SIGKILL", async () => {
    const dir = await tempDir("archkit-e2e-empty-");
    const generated = await setUp(dir);
    expect(generated).toContain("\nNext:\n");
    await runAndStop(dir, "SIGINT", true);
    await measure(dir);
    await killOutright(dir);
  }, 210_000);

  it("works with `npx --package <tarball> archkit` without installing archkit first: the new package.json asks for that tarball", async () => {
    const dir = await tempDir("archkit-e2e-npx-");
    for (const args of [["init", "--template", "minimal"], ["generate"]]) {
      const result = await run("npx", ["--yes", "--prefer-offline", "--package", tarball, "archkit", ...args], dir);
      expect(result.code, result.stdout + result.stderr).toBe(0);
    }
    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies.archkit).toMatch(/^file:.*archkit-\d+\.\d+\.\d+\.tgz$/);
    expect((await install(dir, [])).code).toBe(0);
    const typecheck = await run("npx", ["tsc", "--noEmit", "-p", "."], dir);
    expect(typecheck.code, typecheck.stdout + typecheck.stderr).toBe(0);
  }, 120_000);

  it("works in an existing CommonJS project, keeping its scripts and dependencies: SIGTERM to npx", async () => {
    const dir = await tempDir("archkit-e2e-cjs-");
    const own = {
      name: "legacy-app",
      version: "3.2.1",
      main: "index.js",
      scripts: { start: "node index.js", test: "node index.js --check" },
      dependencies: { picocolors: "1.1.1" },
    };
    await writeFile(join(dir, "package.json"), `${JSON.stringify(own, null, 2)}\n`);
    await writeFile(join(dir, "index.js"), 'const pc = require("picocolors");\nconsole.log(pc.green("legacy ok"));\n');
    const ownInstall = await install(dir, []);
    expect(ownInstall.code, ownInstall.stderr).toBe(0);
    const generated = await setUp(dir);
    expect(generated).toContain("package.json is CommonJS");
    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as typeof own & { type?: string };
    expect(pkg).toMatchObject({ name: "legacy-app", version: "3.2.1", main: "index.js" });
    expect(pkg.type).toBeUndefined();
    expect(pkg.scripts).toMatchObject(own.scripts);
    expect(pkg.dependencies).toMatchObject(own.dependencies);
    expect((await run("node", ["index.js"], dir)).stdout).toContain("legacy ok");
    await runAndStop(dir, "SIGTERM", false);
  }, 150_000);
});
