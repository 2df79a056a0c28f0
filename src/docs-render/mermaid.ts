import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import type { Browser } from "puppeteer";
import { findBrowser, type Env } from "./locate.js";
import { cacheKey, MERMAID_CACHE_FILE, renderCache, reusableSvgs } from "./mermaid-cache.js";
import { ignoreRendered } from "./ignore.js";
import { loadOptional } from "./optional.js";
import { errorLine, formatSeconds, secondsSince, type RenderOutcome } from "./outcome.js";

/** Launch flags for a headless system Chromium that runs as root in containers and stays off the network. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Fixed seeds, so the same diagram gives the same SVG bytes on every run (hand-drawn paths and ids are random otherwise). */
const MERMAID_CONFIG = { handDrawnSeed: 1, deterministicIds: true, deterministicIDSeed: "archkit" } as const;

/** Where the SVGs go, relative to docs/: a folder `--render` owns and rewrites as a whole. */
export const MERMAID_SVG_DIR = "diagrams/svg";

/** Installs mermaid-cli without the browser its puppeteer would download: archkit draws with the system's. */
const INSTALL = "PUPPETEER_SKIP_DOWNLOAD=1 npm i -D @mermaid-js/mermaid-cli";
const NO_DOWNLOAD =
  "no browser download is needed: archkit draws with the system's Chromium (Debian: apt-get install chromium) or the browser CHROME_PATH names";

export interface MermaidRenderOptions {
  readonly env: Env;
  /** Paths as the user should read them in messages. */
  readonly show: (path: string) => string;
  readonly onProgress?: (done: number, total: number) => void;
}

type Rendered =
  | { readonly kind: "svg"; readonly name: string; readonly svg: Uint8Array }
  | { readonly kind: "error"; readonly name: string; readonly message: string };
type RenderFn = (source: string, name: string) => Promise<{ readonly data: Uint8Array }>;

/**
 * Render every `docs/diagrams/*.mmd` to `docs/diagrams/svg/<name>.svg` with mermaid-cli, in one
 * headless system Chromium; a diagram whose source did not change since the last render keeps its SVG.
 * The svg folder is replaced as a whole, so SVGs of removed diagrams go too.
 */
export async function renderMermaidDiagrams(docsDir: string, options: MermaidRenderOptions): Promise<RenderOutcome> {
  const start = performance.now();
  const sources = await readDiagrams(join(docsDir, "diagrams"));
  const cli = await loadOptional("@mermaid-js/mermaid-cli", INSTALL, () => import("@mermaid-js/mermaid-cli"));
  if (cli.kind === "missing")
    return { kind: "missing", renderer: "mermaid", message: `${cli.message}; ${NO_DOWNLOAD}` };
  const key = await cacheKey(MERMAID_CONFIG);
  const reused = await reusableSvgs(join(docsDir, MERMAID_SVG_DIR), key, sources);
  const pending = [...sources].filter(([name]) => !reused.has(name));
  let drawn: readonly Rendered[] = [];
  if (pending.length > 0) {
    const browser = await openBrowser(options.env);
    if (browser.kind !== "open") return browser.outcome;
    try {
      const render: RenderFn = (source, name) =>
        cli.value.renderMermaid(browser.browser, source, "svg", {
          backgroundColor: "white",
          mermaidConfig: MERMAID_CONFIG,
          svgId: svgId(name),
        });
      drawn = await renderAll(pending, render, options.onProgress);
    } finally {
      await browser.browser.close().catch(() => undefined);
    }
  }
  const all = [...[...reused].map(([name, svg]): Rendered => ({ kind: "svg", name, svg })), ...drawn].sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  return finish(docsDir, { all, reused: reused.size, key, sources }, secondsSince(start), options);
}

type OpenBrowser =
  | { readonly kind: "open"; readonly browser: Browser }
  | { readonly kind: "not-open"; readonly outcome: RenderOutcome };

async function openBrowser(env: Env): Promise<OpenBrowser> {
  const path = findBrowser(env);
  if (path.kind === "missing")
    return { kind: "not-open", outcome: { kind: "missing", renderer: "mermaid", message: path.message } };
  const puppeteer = await loadOptional("puppeteer", INSTALL, () => import("puppeteer"));
  if (puppeteer.kind === "missing")
    return {
      kind: "not-open",
      outcome: { kind: "missing", renderer: "mermaid", message: `${puppeteer.message}; ${NO_DOWNLOAD}` },
    };
  try {
    return {
      kind: "open",
      browser: await puppeteer.value.default.launch({
        executablePath: path.path,
        headless: true,
        args: [...CHROMIUM_ARGS],
      }),
    };
  } catch (error) {
    return {
      kind: "not-open",
      outcome: {
        kind: "failed",
        renderer: "mermaid",
        message: `could not start the browser ${path.path}: ${errorLine(error)}`,
        details: [],
      },
    };
  }
}

/** The id of the diagram's root element: unique per diagram, so several SVGs can share one page. */
function svgId(name: string): string {
  return `diagram-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** Diagram name to source, for every `.mmd` of the folder, sorted by name. */
async function readDiagrams(dir: string): Promise<ReadonlyMap<string, string>> {
  const files = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const sources = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith(".mmd")).sort())
    sources.set(basename(file, ".mmd"), await readFile(join(dir, file), "utf8"));
  return sources;
}

/** A few pages at a time in the one browser: each page spends most of its time loading mermaid. */
async function renderAll(
  pending: readonly (readonly [string, string])[],
  render: RenderFn,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<readonly Rendered[]> {
  const results: Rendered[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < pending.length; i = next++) {
      const [name, source] = pending[i]!;
      results.push(await renderOne(name, source, render));
      onProgress?.(results.length, pending.length);
    }
  };
  const pages = Math.min(pending.length, Math.max(2, Math.min(4, availableParallelism() + 1)));
  await Promise.all(Array.from({ length: pages }, worker));
  return results;
}

async function renderOne(name: string, source: string, render: RenderFn): Promise<Rendered> {
  try {
    const { data } = await render(source, name);
    const text = new TextDecoder().decode(data);
    if (!text.includes("<svg") || /Syntax error in text/i.test(text))
      return { kind: "error", name, message: "mermaid drew an error instead of the diagram" };
    return { kind: "svg", name, svg: data };
  } catch (error) {
    return { kind: "error", name, message: errorLine(error) };
  }
}

interface Result {
  readonly all: readonly Rendered[];
  readonly reused: number;
  readonly key: string;
  readonly sources: ReadonlyMap<string, string>;
}

async function finish(
  docsDir: string,
  result: Result,
  seconds: number,
  options: MermaidRenderOptions,
): Promise<RenderOutcome> {
  const outDir = join(docsDir, MERMAID_SVG_DIR);
  await rm(outDir, { recursive: true, force: true });
  const svgs = result.all.flatMap((r) => (r.kind === "svg" ? [r] : []));
  if (svgs.length > 0) await mkdir(outDir, { recursive: true });
  for (const r of svgs) await writeFile(join(outDir, `${r.name}.svg`), r.svg);
  const good = new Map([...result.sources].filter(([name]) => svgs.some((s) => s.name === name)));
  if (svgs.length > 0) {
    await writeFile(join(outDir, MERMAID_CACHE_FILE), renderCache(result.key, good));
    await ignoreRendered(outDir);
  }
  const errors = result.all.flatMap((r) =>
    r.kind === "error" ? [`${options.show(join(docsDir, "diagrams", `${r.name}.mmd`))}: ${r.message}`] : [],
  );
  if (errors.length > 0)
    return {
      kind: "failed",
      renderer: "mermaid",
      message: `${errors.length} of ${result.all.length} diagrams did not render (the others are in ${options.show(outDir)})`,
      details: errors,
    };
  const reused = result.reused > 0 ? ` (${result.reused} unchanged, reused)` : "";
  return {
    kind: "done",
    renderer: "mermaid",
    summary: `${result.all.length} ${result.all.length === 1 ? "diagram" : "diagrams"}${reused} in ${formatSeconds(seconds)} → ${options.show(outDir)}`,
    seconds,
  };
}
