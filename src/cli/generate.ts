import { access } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { TARGETS, type Generator, type Target } from "../generators/fileset.js";
import { computeModel } from "../model/computed/index.js";
import type { Model } from "../model/index.js";
import type { Plan } from "../generators/writer.js";
import { MANIFEST_PATH } from "../generators/manifest.js";
import type { ArchkitSource } from "./archkit-dependency.js";
import { DEFAULT_SPEC, type Io, PACKAGE_ROOT, UserError } from "./io.js";
import { createProgress, NO_PROGRESS, type Progress, type ProgressOptions } from "./progress.js";

export interface GenerateOptions {
  /** Run these instead of the registered generators (`archkit docs` passes its own). */
  readonly generators?: readonly Generator[];
  readonly out?: string;
  readonly only?: string;
  readonly dryRun?: boolean;
  readonly check?: boolean;
  /** Overwrite generated files that were edited by hand. */
  readonly force?: boolean;
  /** Print what to do next after a first run (the CLI's `generate` does; `dev` does not). */
  readonly nextSteps?: boolean;
  /** Where the progress line of a long run goes (default: stderr, when it is a terminal). */
  readonly progress?: ProgressOptions;
}

/**
 * Compile the spec, run the selected generators and apply their files through the one writer.
 * A plain run whose spec, targets and archkit match the last run, with every file as that run
 * left it, reports that run's outcome without compiling or generating anything.
 */
export async function runGenerate(io: Io, spec: string | undefined, options: GenerateOptions): Promise<number> {
  const targets = await selectTargets(options.only);
  const file = resolve(io.cwd, spec ?? DEFAULT_SPEC);
  const root = resolve(io.cwd, options.out ?? dirname(file));
  const input = await runKey(file, targets, options);
  if (input !== undefined && (await reportReused(io, root, input))) return 0;
  const progress =
    options.check || options.dryRun ? NO_PROGRESS : createProgress(options.progress ?? { stream: process.stderr });
  try {
    return await generate(io, { spec, root, targets, input, progress }, options);
  } finally {
    progress.clear();
  }
}

interface Run {
  readonly spec: string | undefined;
  readonly root: string;
  readonly targets: readonly Target[];
  readonly input: string | undefined;
  readonly progress: Progress;
}

async function generate(io: Io, run: Run, options: GenerateOptions): Promise<number> {
  const { progress, root } = run;
  const { loadValidSpec } = await import("./spec.js");
  const loaded = await loadValidSpec(io, run.spec, "nothing was generated");
  if (!loaded) return 1;
  const { applyPlan, planFileSets } = await import("../generators/index.js");
  const source = await newPackageSource(root);
  const selected = (options.generators ?? (await defaultGenerators(source))).filter((g) =>
    run.targets.includes(g.target),
  );
  const first = !(await exists(join(root, MANIFEST_PATH)));
  let files = 0;
  const sets = selected.map((g, i) => {
    progress.step(
      `generating ${g.target} (${i + 1}/${selected.length} targets${files > 0 ? `, ${files} files so far` : ""})`,
    );
    const set = g.generate(computeModel(loaded.model));
    files += set.files.length;
    return set;
  });
  const plan = await planFileSets(root, sets, {
    onRead: (done, total) => progress.count("comparing", done, total, "files"),
    force: options.force,
  });
  progress.clear();
  for (const conflict of plan.conflicts) io.err(`archkit: ${conflict}`);
  if (options.check) return reportCheck(io, plan);
  if (options.dryRun) {
    for (const c of plan.changes) if (c.kind !== "unchanged") io.out(`${c.kind.padEnd(7)} ${c.path}`);
    for (const note of plan.notes) io.out(`note: ${note}`);
    io.out(`${summary(plan)} (dry run: nothing written)`);
    return plan.conflicts.length > 0 ? 1 : 0;
  }
  if (plan.conflicts.length > 0) {
    const { plural } = await import("./format.js");
    io.err(
      `✖ nothing was written: ${plural(plan.conflicts.length, "conflict")} above; resolve them and generate again`,
    );
    return 1;
  }
  await applyPlan(plan, {
    input: run.input,
    onProgress: (done, total) => progress.count("writing", done, total, "files"),
  });
  progress.clear();
  for (const note of plan.notes) io.out(`note: ${note}`);
  if (source?.kind === "registry" && plan.changes.some((c) => c.kind === "create" && c.path === "package.json"))
    io.out(
      `note: package.json asks for archkit ${source.spec}; if you run archkit from a tarball or a folder, put that in its dependencies before \`npm install\``,
    );
  io.out(`${summary(plan)} in ${relative(io.cwd, root) || "."}`);
  if (first && options.nextSteps && run.targets.includes("services")) printNextSteps(io, root, loaded.model);
  return 0;
}

/** How the `archkit` dependency of a new package.json is found; undefined when the project has a package.json. */
async function newPackageSource(root: string): Promise<ArchkitSource | undefined> {
  if (await exists(join(root, "package.json"))) return undefined;
  const [{ archkitSource }, { ARCHKIT_VERSION }] = await Promise.all([
    import("./archkit-dependency.js"),
    import("../generators/index.js"),
  ]);
  return archkitSource(root, PACKAGE_ROOT, ARCHKIT_VERSION);
}

async function defaultGenerators(source: ArchkitSource | undefined): Promise<readonly Generator[]> {
  const { generatorsFor } = await import("../generators/index.js");
  return generatorsFor(source?.spec);
}

function printNextSteps(io: Io, root: string, model: Model): void {
  const where = relative(io.cwd, root);
  const role = model.services
    .flatMap((s) => s.endpoints.map((e) => e.auth))
    .find((a): a is Extract<typeof a, { kind: "role" }> => a.kind === "role")?.role;
  const steps: [string, string][] = [
    [`${where === "" ? "" : `cd ${where} && `}npm install`, "typescript, tsx and what the services import"],
    ["edit services/<service>/src/handlers.ts", "each handler answers 501 until you fill it in"],
    ["npx tsc --noEmit -p .", "type-check the services"],
    ["npx archkit dev", "every service, the gateway and the simulators on this machine"],
    ...(model.gateway?.auth
      ? [
          [
            `npx archkit token --user alice${role === undefined ? "" : ` --roles ${role}`}`,
            "a token for the gateway",
          ] as [string, string],
        ]
      : []),
  ];
  const width = Math.max(...steps.map(([command]) => command.length));
  io.out("\nNext:");
  for (const [command, why] of steps) io.out(`  ${command.padEnd(width)}   # ${why}`);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The key under which a plain run of the registered generators is remembered; undefined for other runs. */
async function runKey(file: string, targets: readonly Target[], options: GenerateOptions): Promise<string | undefined> {
  if (options.check || options.dryRun || options.generators || options.force) return undefined;
  const [{ specSources }, { runInput }] = await Promise.all([
    import("../model/spec-files.js"),
    import("../generators/cache.js"),
  ]);
  const sources = await specSources(file);
  if (sources.length === 0) return undefined;
  const text = sources.length === 1 ? sources[0]!.text : JSON.stringify(sources.map((s) => [s.file, s.text]));
  return runInput(file, text, targets);
}

async function reportReused(io: Io, root: string, input: string): Promise<boolean> {
  const { reusePreviousRun } = await import("../generators/cache.js");
  const reused = await reusePreviousRun(root, input);
  if (reused === undefined) return false;
  for (const note of reused.notes) io.out(`note: ${note}`);
  io.out(`0 created, 0 updated, 0 deleted, ${reused.count} unchanged in ${relative(io.cwd, root) || "."}`);
  return true;
}

async function reportCheck(io: Io, plan: Plan): Promise<number> {
  const { isUpToDate, renderDiff } = await import("../generators/index.js");
  const { plural } = await import("./format.js");
  if (isUpToDate(plan) && plan.conflicts.length === 0) {
    io.out("✔ generated files are up to date");
    return 0;
  }
  io.out(renderDiff(plan).trimEnd());
  const stale = plan.changes.filter((c) => c.kind !== "unchanged").length;
  io.out(`✖ ${plural(stale, "file")} out of date; run \`archkit generate\``);
  return 1;
}

async function selectTargets(only: string | undefined): Promise<readonly Target[]> {
  if (only === undefined) return TARGETS;
  const names = only.split(",").map((raw) => raw.trim());
  const unknown = names.find((name) => !(TARGETS as readonly string[]).includes(name));
  if (unknown === undefined) return names as Target[];
  const { didYouMean } = await import("../model/index.js");
  throw new UserError(
    `unknown target "${unknown}" in --only`,
    didYouMean(unknown, TARGETS) ?? `targets: ${TARGETS.join(", ")}`,
  );
}

function summary(plan: Plan): string {
  const count = (kind: string) => plan.changes.filter((c) => c.kind === kind).length;
  return `${count("create")} created, ${count("update")} updated, ${count("delete")} deleted, ${count("unchanged")} unchanged`;
}

export function registerGenerate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("generate")
    .argument("[spec]", "the spec file", DEFAULT_SPEC)
    .description("write the generated project: services, infra, docs, tests, sdk")
    .option("-o, --out <dir>", "output folder (default: the spec's folder)")
    .option("--only <targets>", `comma-separated subset of ${TARGETS.join(",")}`)
    .option("--dry-run", "list what would be created, changed and deleted; write nothing")
    .option("--check", "exit 1 with a diff when any generated file is out of date (for CI)")
    .option("--force", "overwrite generated files that were edited by hand")
    .addHelpText(
      "after",
      "\nExamples:\n  $ archkit generate\n  $ archkit generate --only docs --out build\n  $ archkit generate --check   # in CI\n  $ archkit generate --force   # discard hand edits to generated files\n",
    )
    .action(async (spec: string, options: GenerateOptions) =>
      setExit(await runGenerate(io, spec, { ...options, nextSteps: true })),
    );
}
