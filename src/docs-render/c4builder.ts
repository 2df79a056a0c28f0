import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  C4BUILDER_CHILD,
  c4builderOptions,
  distFolder,
  rootFolder,
  type C4BuilderConfig,
} from "./c4builder-options.js";
import { checkImages, listPumls, type Puml } from "./c4builder-images.js";
import { findGraphviz, findJava, type Env } from "./locate.js";
import { ignoreRendered } from "./ignore.js";
import { loadOptional } from "./optional.js";
import { errorLine, formatSeconds, secondsSince, type RenderOutcome } from "./outcome.js";

/** The c4builder project under docs/. */
export const C4_DIR = "c4";
/** Kept in the site: the checksums of the diagrams it holds, so an unchanged diagram is not drawn again. */
export const C4_CACHE_FILE = ".archkit-render.json";

const INSTALL = "npm i -D c4builder";
const TIMEOUT_MS = 10 * 60_000;
/** node-plantuml starts one JVM per diagram; the client compiler and serial GC start faster and draw the same bytes. */
const QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

export interface C4RenderOptions {
  readonly env: Env;
  readonly show: (path: string) => string;
  readonly onProgress?: (done: number, total: number) => void;
}

interface Cache {
  readonly c4builder: string;
  readonly checksums: readonly string[];
}

/**
 * Build docs/c4/ into docs/c4/site/ with c4builder's build module and the PlantUML it bundles.
 * The build runs in a temporary copy, because c4builder renames and rewrites things in the
 * project it builds; the generated files stay untouched and the site is copied out when complete.
 */
export async function buildC4Site(docsDir: string, options: C4RenderOptions): Promise<RenderOutcome> {
  const java = findJava(options.env);
  if (java.kind === "missing") return { kind: "missing", renderer: "c4builder", message: java.message };
  const dot = findGraphviz(options.env);
  if (dot.kind === "missing") return { kind: "missing", renderer: "c4builder", message: dot.message };
  const resolved = await loadOptional("c4builder", INSTALL, () =>
    createRequire(import.meta.url).resolve("c4builder/build.js"),
  );
  if (resolved.kind === "missing") return { kind: "missing", renderer: "c4builder", message: resolved.message };
  const project = join(docsDir, C4_DIR);
  const config = await readConfig(project);
  if (config === undefined)
    return {
      kind: "failed",
      renderer: "c4builder",
      message: `${options.show(join(project, ".c4builder"))} is missing or not JSON; run \`archkit docs\` to write it`,
      details: [],
    };
  const start = performance.now();
  const work = await mkdtemp(join(tmpdir(), "archkit-c4-"));
  try {
    const build = { buildModule: resolved.value, config, work, dot: dot.path };
    return await buildInCopy(project, build, options, start);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Build {
  readonly buildModule: string;
  readonly config: C4BuilderConfig;
  /** The temporary folder: the project copy in `project/`, the options and checksums beside it. */
  readonly work: string;
  readonly dot: string;
}

async function buildInCopy(
  project: string,
  build: Build,
  options: C4RenderOptions,
  start: number,
): Promise<RenderOutcome> {
  const copy = join(build.work, "project");
  const [src, site] = [rootFolder(build.config), distFolder(build.config)];
  await cp(join(project, src), join(copy, src), { recursive: true });
  const pumls = await listPumls(join(copy, src));
  const version = await c4builderVersion(build.buildModule);
  const cache = await reusableCache(join(project, site), version);
  if (cache.checksums.length > 0) await cp(join(project, site), join(copy, site), { recursive: true });
  await writeFile(
    join(build.work, "options.json"),
    JSON.stringify(c4builderOptions(build.config, dirname(build.buildModule))),
  );
  await writeFile(join(build.work, "checksums.json"), JSON.stringify(cache.checksums));
  const run = await runChild(build, copy, options);
  if (run.kind === "failed")
    return { kind: "failed", renderer: "c4builder", message: run.message, details: run.output };
  const problems = await checkImages(copy, build.config, pumls);
  const graphviz = problems.find((p) => p.kind === "graphviz");
  if (graphviz)
    return {
      kind: "missing",
      renderer: "c4builder",
      message: `PlantUML did not find Graphviz at ${build.dot}; install Graphviz (Debian: apt-get install graphviz) or set GRAPHVIZ_DOT`,
    };
  const shownSrc = (p: Puml) => options.show(join(project, src, p.path));
  if (problems.length > 0)
    return {
      kind: "failed",
      renderer: "c4builder",
      message: `${problems.length} of ${pumls.length} diagrams did not render`,
      details: problems.map((p) => `${shownSrc(p.puml)}: ${p.message}`),
    };
  const checksums = JSON.parse(await readFile(join(build.work, "checksums.json"), "utf8")) as string[];
  await rm(join(project, site), { recursive: true, force: true });
  await cp(join(copy, site), join(project, site), { recursive: true });
  await writeFile(
    join(project, site, C4_CACHE_FILE),
    `${JSON.stringify({ c4builder: version, checksums } satisfies Cache)}\n`,
  );
  await ignoreRendered(join(project, site));
  const seconds = secondsSince(start);
  const reused = pumls.filter((p) => cache.checksums.includes(checksum(p.content))).length;
  const count = `${pumls.length} ${pumls.length === 1 ? "diagram" : "diagrams"}${reused > 0 ? ` (${reused} unchanged, reused)` : ""}`;
  return {
    kind: "done",
    renderer: "c4builder",
    summary: `site with ${count} in ${formatSeconds(seconds)} → ${options.show(join(project, site))}`,
    seconds,
  };
}

async function readConfig(project: string): Promise<C4BuilderConfig | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(project, ".c4builder"), "utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as C4BuilderConfig)
      : undefined;
  } catch {
    return undefined;
  }
}

async function c4builderVersion(buildModule: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(dirname(buildModule), "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

/** The checksums of the last render, when the same c4builder made it (its images are then copied, not drawn). */
async function reusableCache(site: string, version: string): Promise<Cache> {
  try {
    const cache = JSON.parse(await readFile(join(site, C4_CACHE_FILE), "utf8")) as Partial<Cache>;
    if (cache.c4builder === version && Array.isArray(cache.checksums))
      return { c4builder: version, checksums: cache.checksums.filter((c) => typeof c === "string") };
  } catch {
    // no usable cache: every diagram is drawn
  }
  return { c4builder: version, checksums: [] };
}

/** c4builder's checksum of a diagram's text. */
function checksum(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

function childEnv(env: Env, dot: string): Env {
  const java = [QUICK_JVM, env.JAVA_TOOL_OPTIONS].filter((o) => o !== undefined && o !== "").join(" ");
  return { ...env, GRAPHVIZ_DOT: dot, JAVA_TOOL_OPTIONS: java, FORCE_COLOR: "0" };
}

type ChildRun =
  | { readonly kind: "done" }
  | { readonly kind: "failed"; readonly message: string; readonly output: readonly string[] };

function runChild(build: Build, cwd: string, options: C4RenderOptions): Promise<ChildRun> {
  const args = [
    "--input-type=commonjs",
    "-e",
    C4BUILDER_CHILD,
    build.buildModule,
    join(build.work, "options.json"),
    join(build.work, "checksums.json"),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: childEnv(options.env, build.dot),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: TIMEOUT_MS,
    });
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output.push(text);
      const progress = [...text.matchAll(/processed (\d+)\/(\d+) images/g)].at(-1);
      if (progress) options.onProgress?.(Number(progress[1]), Number(progress[2]));
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) =>
      resolve({ kind: "failed", message: `could not run c4builder: ${errorLine(error)}`, output: [] }),
    );
    child.on("close", (code, signal) => {
      if (code === 0) return resolve({ kind: "done" });
      const lines = output
        .join("")
        .split(/[\r\n]+/)
        .filter((l) => l.trim() !== "");
      const why =
        signal === "SIGTERM" ? `timed out after ${TIMEOUT_MS / 60_000} min` : `exited with ${signal ?? `code ${code}`}`;
      resolve({ kind: "failed", message: `c4builder's build ${why}`, output: lines.slice(-12) });
    });
  });
}
