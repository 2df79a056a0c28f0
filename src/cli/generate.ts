import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { applyPlan, GENERATORS, isUpToDate, planFileSets, renderDiff, TARGETS, type Generator, type Plan, type Target } from "../generators/index.js";
import { didYouMean } from "../model/index.js";
import { plural } from "./format.js";
import { loadValidSpec } from "./spec.js";
import { DEFAULT_SPEC, type Io, UserError } from "./io.js";

export interface GenerateOptions {
  /** Run these instead of the registered generators (`archkit docs` passes its own). */
  readonly generators?: readonly Generator[];
  readonly out?: string;
  readonly only?: string;
  readonly dryRun?: boolean;
  readonly check?: boolean;
}

/** Compile the spec, run the selected generators and apply their files through the one writer. */
export async function runGenerate(io: Io, spec: string | undefined, options: GenerateOptions): Promise<number> {
  const targets = selectTargets(options.only);
  const loaded = await loadValidSpec(io, spec, "nothing was generated");
  if (!loaded) return 1;
  const { file, model } = loaded;
  const root = resolve(io.cwd, options.out ?? dirname(file));
  const sets = (options.generators ?? GENERATORS).filter((g) => targets.includes(g.target)).map((g) => g.generate(model));
  const plan = await planFileSets(root, sets);
  for (const conflict of plan.conflicts) io.err(`archkit: ${conflict}`);
  if (options.check) return reportCheck(io, plan);
  if (options.dryRun) {
    for (const c of plan.changes) if (c.kind !== "unchanged") io.out(`${c.kind.padEnd(7)} ${c.path}`);
    for (const note of plan.notes) io.out(`note: ${note}`);
    io.out(`${summary(plan)} (dry run: nothing written)`);
    return plan.conflicts.length > 0 ? 1 : 0;
  }
  await applyPlan(plan, progress(io));
  for (const note of plan.notes) io.out(`note: ${note}`);
  io.out(`${summary(plan)} in ${relative(io.cwd, root) || "."}`);
  return plan.conflicts.length > 0 ? 1 : 0;
}

function reportCheck(io: Io, plan: Plan): number {
  if (isUpToDate(plan) && plan.conflicts.length === 0) {
    io.out("✔ generated files are up to date");
    return 0;
  }
  io.out(renderDiff(plan).trimEnd());
  const stale = plan.changes.filter((c) => c.kind !== "unchanged").length;
  io.out(`✖ ${plural(stale, "file")} out of date; run \`archkit generate\``);
  return 1;
}

function selectTargets(only: string | undefined): readonly Target[] {
  if (only === undefined) return TARGETS;
  return only.split(",").map((raw) => {
    const name = raw.trim();
    if ((TARGETS as readonly string[]).includes(name)) return name as Target;
    throw new UserError(`unknown target "${name}" in --only`, didYouMean(name, TARGETS) ?? `targets: ${TARGETS.join(", ")}`);
  });
}

function summary(plan: Plan): string {
  const count = (kind: string) => plan.changes.filter((c) => c.kind === kind).length;
  return `${count("create")} created, ${count("update")} updated, ${count("delete")} deleted, ${count("unchanged")} unchanged`;
}

function progress(io: Io): ((done: number, total: number) => void) | undefined {
  if (!io.color || !process.stderr.isTTY) return undefined;
  return (done, total) => {
    process.stderr.write(`\r  writing ${done}/${total}`);
    if (done === total) process.stderr.write("\r\x1b[K");
  };
}

export function registerGenerate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("generate")
    .argument("[spec]", "the spec file", DEFAULT_SPEC)
    .description("write the generated project: services, infra, docs, tests")
    .option("-o, --out <dir>", "output folder (default: the spec's folder)")
    .option("--only <targets>", `comma-separated subset of ${TARGETS.join(",")}`)
    .option("--dry-run", "list what would be created, changed and deleted; write nothing")
    .option("--check", "exit 1 with a diff when any generated file is out of date (for CI)")
    .addHelpText("after", "\nExamples:\n  $ archkit generate\n  $ archkit generate --only docs --out build\n  $ archkit generate --check   # in CI\n")
    .action(async (spec: string, options: GenerateOptions) => setExit(await runGenerate(io, spec, options)));
}
