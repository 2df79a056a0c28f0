import type { Command } from "commander";
import { docsGeneratorWith } from "../generators/docs/index.js";
import { runGenerate } from "./generate.js";
import { DEFAULT_SPEC, type Io, UserError } from "./io.js";

export interface DocsCommandOptions {
  readonly format: string;
  readonly out?: string;
  readonly check?: boolean;
  readonly dryRun?: boolean;
}

/** `archkit docs`: the docs target of `generate`, through the same writer, optionally with the reStructuredText document. */
export async function runDocs(io: Io, spec: string | undefined, options: DocsCommandOptions): Promise<number> {
  if (options.format !== "md" && options.format !== "rst") throw new UserError(`unknown format "${options.format}"`, "use --format md (Markdown) or --format rst (Markdown plus docs/architecture.rst with PlantUML)");
  const generator = docsGeneratorWith({ rst: options.format === "rst" });
  return runGenerate(io, spec, { generators: [generator], only: "docs", out: options.out, check: options.check, dryRun: options.dryRun });
}

export function registerDocs(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("docs")
    .argument("[spec]", "the spec file", DEFAULT_SPEC)
    .description("write docs/: architecture.md, Mermaid and C4 diagrams, OpenAPI, AsyncAPI, ADRs")
    .option("--format <format>", "md, or rst to add docs/architecture.rst for Sphinx", "md")
    .option("-o, --out <dir>", "output folder (default: the spec's folder)")
    .option("--check", "exit 1 with a diff when the docs are out of date (for CI)")
    .option("--dry-run", "list what would change; write nothing")
    .addHelpText("after", "\nExamples:\n  $ archkit docs\n  $ archkit docs --format rst\n  $ archkit docs --check   # in CI\n")
    .action(async (spec: string, options: DocsCommandOptions) => setExit(await runDocs(io, spec, options)));
}
