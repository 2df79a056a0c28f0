import { readdir, readFile, mkdir, unlink, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import type { ManifestFile } from "../generators/infra/index.js";
import type { Model } from "../model/index.js";
import { DEFAULT_SPEC, type Io, UserError } from "./io.js";

export interface InfraRenderOptions {
  readonly env?: string;
  readonly out?: string;
}

/**
 * `archkit infra render`: run the generated Pulumi program for one environment under Pulumi's
 * mocks and write every Kubernetes object as a YAML manifest. Returns the exit code.
 */
export async function runInfraRender(io: Io, spec: string | undefined, options: InfraRenderOptions): Promise<number> {
  const infra = await import("../generators/infra/index.js");
  // The program does not depend on the spec: transpile it (in a worker) while the spec compiles.
  const program = infra.transpileTemplates();
  program.catch(() => undefined);
  const [{ INFRA_DIR }, { plural }, { loadValidSpec }] = await Promise.all([
    import("../generators/infra/generator.js"),
    import("./format.js"),
    import("./spec.js"),
  ]);
  const loaded = await loadValidSpec(io, spec, "nothing was rendered");
  if (!loaded) return 1;
  const { file, model } = loaded;
  const environment = chooseEnvironment(model, options.env);
  const infraDir = join(dirname(file), INFRA_DIR);
  const out = resolve(io.cwd, options.out ?? join(infraDir, "manifests", environment));
  const stackFile = await readIfExists(join(infraDir, `Pulumi.${environment}.yaml`));
  const rendered = await infra.renderInfra({ model, environment, infraDir, stackFile, program });
  const removed = await writeManifests(out, rendered.files, infra.MANIFEST_HEADER);
  for (const note of rendered.notes) io.out(`note: ${note}`);
  const secrets = rendered.objects.filter((o) => o.kind === "Secret").length;
  if (secrets > 0)
    io.out(
      `note: ${plural(secrets, "Secret")} rendered with values <redacted>; create them from your secret store before applying`,
    );
  const gateway = typeof rendered.outputs.gatewayUrl === "string" ? ` (gateway ${rendered.outputs.gatewayUrl})` : "";
  const stale = removed > 0 ? `, ${removed} stale removed` : "";
  io.out(
    `rendered ${plural(rendered.files.length, "object")} for ${environment} in ${relative(io.cwd, out) || "."}${stale}${gateway}`,
  );
  return 0;
}

function chooseEnvironment(model: Model, env: string | undefined): string {
  const names = model.deployment.environments.map((e) => e.name);
  if (env !== undefined) return env;
  if (names.length === 1) return names[0]!;
  throw new UserError(`choose an environment with --env: ${names.join(", ")}`);
}

async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch(() => undefined);
}

/** Write the manifests; remove manifests an earlier render wrote that this one no longer has. Returns how many were removed. */
async function writeManifests(out: string, files: readonly ManifestFile[], header: string): Promise<number> {
  await mkdir(out, { recursive: true });
  const current = new Set(files.map((f) => f.path));
  let removed = 0;
  for (const name of await readdir(out)) {
    if (!name.endsWith(".yaml") || current.has(name)) continue;
    const text = await readFile(join(out, name), "utf8");
    if (!text.startsWith(`${header}\n`)) continue;
    await unlink(join(out, name));
    removed += 1;
  }
  for (const f of files) await writeFile(join(out, f.path), f.content);
  return removed;
}

export function registerInfra(program: Command, io: Io, setExit: (code: number) => void): void {
  const infra = program.command("infra").description("work with the generated Pulumi program for Kubernetes");
  infra
    .command("render")
    .argument("[spec]", "the spec file", DEFAULT_SPEC)
    .description(
      "write every Kubernetes object of one environment as YAML, running the Pulumi program under mocks (no cluster, no Pulumi CLI)",
    )
    .option("-e, --env <env>", "the environment (deployment.environments); required when there are several")
    .option("-o, --out <dir>", "output folder (default: infra/manifests/<env> beside the spec)")
    .addHelpText(
      "after",
      `
Examples:
  $ archkit infra render --env production
  $ archkit infra render specs/shop.yaml --env staging --out deploy/staging

Secrets are never rendered: Secret objects carry <redacted> values. Stack settings come from
infra/Pulumi.<env>.yaml when it exists (plain values only), else from the spec.`,
    )
    .action(async (spec: string, options: InfraRenderOptions) => setExit(await runInfraRender(io, spec, options)));
}
