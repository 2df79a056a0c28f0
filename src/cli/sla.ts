import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import type { SlaRun, SlaSettings, SlaSystem } from "../checks/sla/index.js";
import { closest, parseDuration, type Model } from "../model/index.js";
import { IDENTITY_SECRET_ENV } from "../model/naming.js";
import { plural } from "./format.js";
import { type Io, UserError } from "./io.js";
import { FREE_PORTS, specCommand } from "./options.js";
import { loadValidSpec } from "./spec.js";

export interface SlaCommandOptions {
  readonly baseUrl?: string;
  readonly dir?: string;
  readonly duration: string;
  readonly warmup: string;
  readonly rate: string;
  readonly connections?: string;
  readonly target?: string;
  readonly report?: string;
  readonly out?: string;
  /** Ports the OS picks for the system sla starts, instead of the model's. */
  readonly freePorts?: boolean;
}

/**
 * `archkit sla`: loads every flow and every endpoint with a latency budget at a fixed rate, judges
 * the figures against the spec and exits 1 on any breach.
 */
export async function runSlaCommand(io: Io, spec: string | undefined, options: SlaCommandOptions): Promise<number> {
  const settings = settingsOf(options);
  const format = reportFormat(options);
  const loaded = await loadValidSpec(io, spec, "nothing was measured");
  if (!loaded) return 1;
  const { file, model } = loaded;
  checkTargets(model, settings.only);
  const { remoteSystem, startedSystem, runSla } = await import("../checks/sla/index.js");
  const system: SlaSystem = options.baseUrl
    ? remoteSystem(model, options.baseUrl, await remoteEnv(model, resolve(io.cwd, options.dir ?? dirname(file))))
    : await startedSystem(model, {
        ...projectOf(io, file, options.dir),
        env: process.env,
        ports: options.freePorts ? "free" : "model",
      });
  let run: SlaRun;
  try {
    run = await runSla(model, system.access, settings, (event) => {
      if (event.kind === "start")
        io.err(
          `  ${event.index + 1}/${event.total} ${event.target.kind === "flow" ? "flow " : ""}${event.target.name} (${event.target.endpoint.method} ${event.target.endpoint.path} via ${event.target.via})`,
        );
    });
  } finally {
    await system.close();
  }
  await output(io, run, format, options.out, {
    spec: relative(io.cwd, file) || file,
    system: system.description,
    notes: system.notes,
  });
  return run.pass ? 0 : 1;
}

function settingsOf(options: SlaCommandOptions): SlaSettings {
  return {
    rate: positive(options.rate, "--rate"),
    durationMs: duration(options.duration, "--duration"),
    warmupMs: options.warmup === "0" ? 0 : duration(options.warmup, "--warmup"),
    connections: options.connections === undefined ? undefined : positive(options.connections, "--connections"),
    only: (options.target ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== ""),
  };
}

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UserError(`${flag} must be a whole number of at least 1, not "${text}"`, `e.g. ${flag} 20`);
  return value;
}

function duration(text: string, flag: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new UserError(`${flag} must be a duration like 10s, 500ms or 1m, not "${text}"`);
  }
}

type Format = "table" | "json" | "junit";

function reportFormat(options: SlaCommandOptions): Format {
  const report =
    options.report ?? (options.out === undefined ? undefined : extname(options.out) === ".xml" ? "junit" : "json");
  if (report === undefined) return "table";
  if (report === "json" || report === "junit") return report;
  throw new UserError(`unknown report format "${report}"`, "use --report json or --report junit");
}

function checkTargets(model: Model, only: readonly string[]): void {
  const names = [
    ...model.flows.map((f) => f.id as string),
    ...model.services.flatMap((s) => s.endpoints.map((e) => e.id as string)),
  ];
  for (const name of only) {
    if (names.includes(name)) continue;
    const near = closest(name, names);
    throw new UserError(
      `--target ${name} is neither a flow nor an endpoint of the spec`,
      near ? `did you mean ${near}?` : `flows and endpoints: ${names.join(", ")}`,
    );
  }
}

/**
 * The environment for a running system: the gateway secret and the identity secret, where they are
 * not set, are the project's `.archkit/dev-secret` (what `archkit dev` and `archkit token` sign
 * with, and what `archkit dev` derives its workloads' keys from), if it has one.
 */
async function remoteEnv(model: Model, project: string): Promise<Readonly<Record<string, string | undefined>>> {
  const { existingDevSecret } = await import("../dev/secret.js");
  const secret = await existingDevSecret(project);
  if (secret === undefined) return process.env;
  const variable = model.gateway?.auth?.secretEnv;
  const env: Record<string, string | undefined> = { ...process.env };
  if (variable !== undefined && !env[variable]) env[variable] = secret;
  env[IDENTITY_SECRET_ENV] ||= secret;
  return env;
}

function projectOf(io: Io, specFile: string, dir: string | undefined): { dir: string; spec: string } {
  const project = resolve(io.cwd, dir ?? dirname(specFile));
  if (!existsSync(join(project, "services", "model.json"))) {
    throw new UserError(
      `no generated project in ${relative(io.cwd, project) || "."} (services/model.json is missing)`,
      "run `archkit generate` there, point --dir at the project, or measure a running system with --base-url",
    );
  }
  return { dir: project, spec: relative(project, specFile) };
}

async function output(
  io: Io,
  run: SlaRun,
  format: Format,
  out: string | undefined,
  context: { spec: string; system: string; notes: readonly string[] },
): Promise<void> {
  const { jsonReport, junitReport, renderTable } = await import("../checks/sla/index.js");
  const paint = io.color
    ? { red: pc.red, green: pc.green, dim: pc.dim, bold: pc.bold }
    : { red: same, green: same, dim: same, bold: same };
  const document =
    format === "json"
      ? `${JSON.stringify(jsonReport(run, context), null, 2)}\n`
      : format === "junit"
        ? junitReport(run, context.spec)
        : undefined;
  if (document !== undefined && out === undefined) {
    io.out(document.trimEnd());
    return;
  }
  io.out(
    `archkit sla: ${context.system}; ${run.settings.rate} rps per target for ${run.settings.durationMs / 1000}s after ${run.settings.warmupMs / 1000}s of warm-up`,
  );
  for (const note of context.notes) io.out(paint.dim(`note: ${note}`));
  io.out("");
  for (const line of renderTable(run, paint)) io.out(line);
  const failed = run.results.filter((r) => !r.pass).length + run.chains.filter((c) => !c.pass).length;
  io.out("");
  io.out(
    failed === 0
      ? paint.green(`✔ ${plural(run.results.length, "target")} within budget`)
      : paint.red(`✖ ${plural(failed, "breach")} of the spec's budgets`),
  );
  if (document !== undefined && out !== undefined) {
    const path = resolve(io.cwd, out);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, document);
    io.out(`${format === "json" ? "JSON" : "JUnit"} report: ${relative(io.cwd, path)}`);
  }
}

function same(text: string): string {
  return text;
}

export function registerSla(program: Command, io: Io, setExit: (code: number) => void): void {
  specCommand(
    program,
    "sla",
    "load every flow and every endpoint with a latency budget at a fixed rate; exit 1 on any breach of the spec's budgets",
    [
      ["--base-url <url>", "measure a running system through this gateway URL instead of starting one"],
      ["--dir <dir>", "the generated project to start (default: the spec's folder)"],
      FREE_PORTS,
      ["--duration <time>", "measured time per target", "10s"],
      ["--warmup <time>", "load before the measured time, not counted (0 for none)", "2s"],
      ["--rate <n>", "requests per second per target, fixed", "10"],
      ["--connections <n>", "connections per target (default: enough for the rate at twice its p95 budget)"],
      ["--target <names>", "comma-separated flows and endpoints to run (default: all)"],
      ["--report <format>", "json or junit: written to --out, or printed instead of the table"],
      ["--out <file>", "where the report goes (.xml means junit)"],
    ],
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ archkit sla --dir examples/shop --duration 5s\n  $ archkit sla --free-ports --duration 3s   # beside a running archkit dev\n  $ archkit sla --base-url https://staging.example.com --rate 50 --report junit --out sla.xml\n  $ archkit sla --target orderProcessing --rate 100\n",
    )
    .action(async (spec: string, options: SlaCommandOptions) => setExit(await runSlaCommand(io, spec, options)));
}
