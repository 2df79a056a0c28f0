import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Target } from "./fileset.js";
import { hashContent, MANIFEST_PATH, type Manifest } from "./manifest.js";

/**
 * archkit's memory of earlier runs in an output folder. Unlike the manifest it is never compared
 * by `--check` (it records the user's own files) and may be deleted at any time: it only saves work.
 */
export const CACHE_PATH = ".archkit/cache.json";

/** A merge of a user's scaffold that changed nothing; it holds while the file keeps `content` and the merge keeps `key`. */
export interface MergeMemo {
  readonly target: Target;
  /** sha-256 of the file's text. */
  readonly content: string;
  /** sha-256 of the scaffold's `mergeKey`. */
  readonly key: string;
  readonly notes: readonly string[];
}

/** What a complete run without conflicts left behind, so that an identical run can be recognized without generating. */
export interface RunRecord {
  /** sha-256 of the spec's path and text and the selected targets. */
  readonly input: string;
  readonly manifest: string;
  readonly gitattributes: string;
  /** The run's scaffolds: they must exist, and a merged one must still have this sha-256 (null: not merged). */
  readonly scaffolds: Readonly<Record<string, string | null>>;
  /** What the run would report again: the notes of its merges. */
  readonly notes: readonly string[];
  /** How many paths a rerun lists (the plan's, less those it deleted). */
  readonly count: number;
}

export interface Cache {
  readonly version: 1;
  /** Fingerprint of the archkit that wrote it; another archkit ignores the cache. */
  readonly archkit: string;
  readonly run?: RunRecord;
  readonly merges: Readonly<Record<string, MergeMemo>>;
}

const CODE_ROOT = fileURLToPath(new URL("../", import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
let fingerprint: string | undefined;

/**
 * sha-256 over archkit's code (src/ or dist/, whichever runs), its templates and package.json.
 * Read synchronously: a few hundred small files of archkit's own, faster so than one promise each.
 */
export function archkitFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash("sha256");
  const code = (path: string) => path.endsWith(".js") || (path.endsWith(".ts") && !path.endsWith(".d.ts"));
  for (const [dir, wanted] of [
    [CODE_ROOT, code],
    [join(PACKAGE_ROOT, "templates"), () => true],
  ] as const) {
    for (const file of filesUnder(dir).filter(wanted))
      hash.update(`${file.slice(dir.length)}\0`).update(readFileSync(file));
  }
  fingerprint = hash.update(readFileSync(join(PACKAGE_ROOT, "package.json"))).digest("hex");
  return fingerprint;
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** The key of a run: the spec's absolute path and text and the targets, in any order. */
export function runInput(specFile: string, specText: string, targets: readonly Target[]): string {
  return hashContent(JSON.stringify([specFile, specText, [...targets].sort()]));
}

/** The cache of `root` when this archkit wrote it; an empty one otherwise. */
export async function readCache(root: string): Promise<Cache> {
  const archkit = archkitFingerprint();
  const empty: Cache = { version: 1, archkit, merges: {} };
  const text = await readText(join(root, CACHE_PATH));
  if (text === undefined) return empty;
  try {
    const cache = JSON.parse(text) as Cache;
    return cache.version === 1 && cache.archkit === archkit && typeof cache.merges === "object" ? cache : empty;
  } catch {
    return empty;
  }
}

export function renderCache(cache: Cache): string {
  return `${JSON.stringify(cache, null, 1)}\n`;
}

export interface ReusedRun {
  readonly notes: readonly string[];
  readonly count: number;
}

/**
 * When the last run had the same input and every file it left is still as it left it, what that
 * run reported; undefined when anything differs (then generate for real). Reads, never writes.
 */
export async function reusePreviousRun(root: string, input: string): Promise<ReusedRun | undefined> {
  const cache = await readCache(root);
  const run = cache.run;
  if (run === undefined || run.input !== input) return undefined;
  const [manifestText, attributes] = await Promise.all([
    readText(join(root, MANIFEST_PATH)),
    readText(join(root, ".gitattributes")),
  ]);
  if (
    manifestText === undefined ||
    hashContent(manifestText) !== run.manifest ||
    attributes === undefined ||
    hashContent(attributes) !== run.gitattributes
  )
    return undefined;
  const owned = Object.entries((JSON.parse(manifestText) as Manifest).files);
  const checks = [...owned.map(([path, entry]) => [path, entry.hash] as const), ...Object.entries(run.scaffolds)];
  const intact = await mapLimited(checks, async ([path, hash]) => {
    const text = await readText(join(root, path));
    return text !== undefined && (hash === null || hashContent(text) === hash);
  });
  return intact.every(Boolean) ? { notes: run.notes, count: run.count } : undefined;
}

/** `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapLimited<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = 32): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
