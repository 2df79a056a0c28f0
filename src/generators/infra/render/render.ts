import { didYouMean, type Model } from "../../../model/index.js";
import { describeInfra } from "../describe.js";
import { architectureJson } from "../project.js";
import { programSources } from "../templates.js";
import type { ProgramFile } from "./loader.js";
import { manifestFiles, type ManifestFile } from "./manifests.js";
import { runUnderMocks, type RenderedObject } from "./mocks.js";
import { loadPulumiSdk, type PulumiSdk } from "./sdk.js";
import { stackValues } from "./stack-values.js";
import { transpileProgram } from "./transpile.js";
import { ArchkitError } from "../../../model/errors.js";

export interface RenderOptions {
  readonly model: Model;
  readonly environment: string;
  /** The generated project's folder: the Pulumi SDK is taken from its node_modules when there. */
  readonly infraDir: string;
  /** The text of the user's `Pulumi.<env>.yaml`, when it exists: its plain settings apply. */
  readonly stackFile?: string;
  /** An SDK already loaded; by default `loadPulumiSdk(infraDir)`. */
  readonly sdk?: PulumiSdk;
  /** The program transpiled, when the caller started that early (`transpileTemplates()`); it does not depend on the spec. */
  readonly program?: Promise<readonly ProgramFile[]>;
}

export interface RenderResult {
  readonly objects: readonly RenderedObject[];
  readonly files: readonly ManifestFile[];
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
}

/** The environment is not one of the spec's. */
export class UnknownEnvironmentError extends ArchkitError {
  override readonly name = "UnknownEnvironmentError";
  override readonly code = "unknown-environment";
}

/** The generated program failed while it ran (a bad stack setting, usually). */
export class ProgramError extends ArchkitError {
  override readonly name = "ProgramError";
  override readonly code = "infra-program";
}

/** The program's TypeScript (index.ts and lib/), transpiled: the same for every spec. Declarations hold no code. */
export function transpileTemplates(): Promise<readonly ProgramFile[]> {
  return transpileProgram(programSources().filter((source) => !source.path.endsWith(".d.ts")));
}

/** Run the generated Pulumi program for one environment under mocks and return every Kubernetes object as YAML. */
export async function renderInfra(options: RenderOptions): Promise<RenderResult> {
  const environments = options.model.deployment.environments.map((e) => e.name);
  if (!environments.includes(options.environment)) {
    const hint = didYouMean(options.environment, environments) ?? `environments: ${environments.join(", ")}`;
    throw new UnknownEnvironmentError(`unknown environment "${options.environment}"; ${hint}`);
  }
  const program = options.program ?? transpileTemplates();
  const architecture = describeInfra(options.model);
  const values = stackValues(architecture, options.environment, options.stackFile);
  const sdk = options.sdk ?? loadPulumiSdk(options.infraDir);
  const files = [...(await program), { path: "architecture.json", text: architectureJson(architecture) }];
  const run = await runUnderMocks(sdk, files, {
    project: architecture.system,
    stack: options.environment,
    config: values.config,
    secretKeys: values.secretKeys,
  }).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new ProgramError(`the infra program failed for ${options.environment}: ${message.split("\n").join(" ")}`, {
      cause: error,
    });
  });
  return {
    objects: run.objects,
    files: manifestFiles(run.objects, options.environment),
    outputs: run.outputs,
    notes: values.notes,
  };
}
