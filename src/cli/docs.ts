import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { renderDocs, renderExitCode, RENDERERS, type RendererName, type RenderOutcome } from "../docs-render/index.js";
import { DOCS_DIR, docsGeneratorWith } from "../generators/docs/index.js";
import { didYouMean } from "../model/index.js";
import { runGenerate } from "./generate.js";
import { DEFAULT_SPEC, type Io, UserError } from "./io.js";
import { specCommand } from "./options.js";
import { unreachable } from "../model/errors.js";

export interface DocsCommandOptions {
  readonly format: string;
  readonly out?: string;
  readonly check?: boolean;
  readonly dryRun?: boolean;
  /** `--render` alone is `true` (every renderer); `--render mermaid` names some. */
  readonly render?: boolean | string;
}

/** What `--render` accepts, and the renderers each name selects. */
const RENDER_NAMES: Readonly<Record<string, readonly RendererName[]>> = {
  all: RENDERERS,
  mermaid: ["mermaid"],
  c4: ["c4builder"],
  c4builder: ["c4builder"],
};

/** `archkit docs`: the docs target of `generate`, through the same writer; then, with `--render`, the SVGs and the c4builder site. */
export async function runDocs(io: Io, spec: string | undefined, options: DocsCommandOptions): Promise<number> {
  if (options.format !== "md" && options.format !== "rst")
    throw new UserError(
      `unknown format "${options.format}"`,
      "use --format md (Markdown) or --format rst (Markdown plus docs/architecture.rst with PlantUML)",
    );
  const renderers = selectRenderers(options);
  const generator = docsGeneratorWith({ rst: options.format === "rst" });
  const written = await runGenerate(io, spec, {
    generators: [generator],
    only: "docs",
    out: options.out,
    check: options.check,
    dryRun: options.dryRun,
  });
  if (renderers.length === 0) return written;
  if (written !== 0) {
    io.err("archkit: nothing was rendered, because the docs were not all written");
    return written;
  }
  const root = resolve(io.cwd, options.out ?? dirname(resolve(io.cwd, spec ?? DEFAULT_SPEC)));
  const show = (path: string) => relative(io.cwd, path) || ".";
  const progress = renderProgress(io);
  const outcomes = await renderDocs(join(root, DOCS_DIR), renderers, {
    env: process.env,
    show,
    onProgress: progress?.update,
  });
  progress?.clear();
  for (const outcome of outcomes) report(io, outcome);
  return renderExitCode(outcomes);
}

function selectRenderers(options: DocsCommandOptions): readonly RendererName[] {
  if (options.render === undefined || options.render === false) return [];
  if (options.check || options.dryRun)
    throw new UserError(
      "--render cannot be combined with --check or --dry-run",
      "--render writes the rendered diagrams; run it on its own",
    );
  if (options.render === true) return RENDERERS;
  const selected = new Set<RendererName>();
  for (const raw of options.render.split(",")) {
    const name = raw.trim();
    const renderers = RENDER_NAMES[name];
    if (renderers === undefined) {
      const spec = /\.ya?ml$/i.test(name)
        ? `to name the spec, put it before --render: archkit docs ${name} --render`
        : undefined;
      throw new UserError(
        `unknown renderer "${name}" in --render`,
        spec ?? didYouMean(name, Object.keys(RENDER_NAMES)) ?? `renderers: ${Object.keys(RENDER_NAMES).join(", ")}`,
      );
    }
    for (const r of renderers) selected.add(r);
  }
  return RENDERERS.filter((r) => selected.has(r));
}

function report(io: Io, outcome: RenderOutcome): void {
  switch (outcome.kind) {
    case "done":
      io.out(`${outcome.renderer}: ${outcome.summary}`);
      return;
    case "missing":
      io.err(`archkit: ${outcome.renderer}: ${outcome.message}`);
      return;
    case "failed":
      io.err(`archkit: ${outcome.renderer}: ${outcome.message}`);
      for (const detail of outcome.details) io.err(`  ${detail}`);
      return;
    default: {
      return unreachable(outcome);
    }
  }
}

/** One line on a terminal, e.g. `rendering: mermaid 5/24, c4builder 3/10`. */
function renderProgress(
  io: Io,
): { update: (p: ReadonlyMap<RendererName, { done: number; total: number }>) => void; clear: () => void } | undefined {
  if (!io.color || !process.stderr.isTTY) return undefined;
  return {
    update: (p) =>
      process.stderr.write(
        `\r\x1b[K  rendering: ${[...p].map(([name, { done, total }]) => `${name} ${done}/${total}`).join(", ")}`,
      ),
    clear: () => process.stderr.write("\r\x1b[K"),
  };
}

export function registerDocs(program: Command, io: Io, setExit: (code: number) => void): void {
  specCommand(program, "docs", "write docs/: architecture.md, Mermaid and C4 diagrams, OpenAPI, AsyncAPI, ADRs", [
    ["--format <format>", "md, or rst to add docs/architecture.rst for Sphinx", "md"],
    ["-o, --out <dir>", "output folder (default: the spec's folder)"],
    ["--check", "exit 1 with a diff when the docs are out of date (for CI)"],
    ["--dry-run", "list what would change; write nothing"],
    [
      "--render [renderers]",
      "then render: Mermaid to SVG (needs Chromium) and the c4builder site (needs Java); `mermaid` or `c4` for one",
    ],
  ])
    .addHelpText(
      "after",
      "\nExamples:\n  $ archkit docs\n  $ archkit docs --format rst\n  $ archkit docs --check            # in CI\n  $ archkit docs --render           # docs/diagrams/svg/ and docs/c4/site/\n  $ archkit docs --render mermaid\n",
    )
    .action(async (spec: string, options: DocsCommandOptions) => setExit(await runDocs(io, spec, options)));
}
