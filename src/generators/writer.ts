import { mkdir, readdir, rename, rmdir, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  CACHE_PATH,
  mapLimited,
  readCache,
  readText,
  renderCache,
  type Cache,
  type MergeMemo,
  type RunRecord,
} from "./cache.js";
import type { FileSet, GeneratedFile, Target } from "./fileset.js";
import {
  hashContent,
  MANIFEST_PATH,
  readManifest,
  renderManifest,
  type Manifest,
  type ManifestEntry,
} from "./manifest.js";
import { isHistoryPath, planHistory, readHistory } from "./history.js";
import { LOCAL_FILES } from "../model/naming.js";
import { withGeneratedBlock } from "./gitattributes.js";
import { assertSafePath, comparePaths } from "./paths.js";

export type Change =
  | { readonly kind: "create"; readonly path: string; readonly content: string }
  | { readonly kind: "update"; readonly path: string; readonly before: string; readonly content: string }
  | { readonly kind: "delete"; readonly path: string; readonly before: string }
  | { readonly kind: "unchanged"; readonly path: string };

export interface Plan {
  readonly root: string;
  readonly changes: readonly Change[];
  /** Things to tell the user: hand-edited stale files kept, handlers without an endpoint, ... */
  readonly notes: readonly string[];
  /** Files in the way that archkit did not write; they are left alone and generation fails. */
  readonly conflicts: readonly string[];
  /** What applying the plan leaves in `.archkit/cache.json`: the merges that changed nothing. */
  readonly cache: Cache;
  /** This run as an identical later run may reuse it; absent with conflicts or when merging a scaffold again would still change it. */
  readonly run?: Omit<RunRecord, "input">;
}

export interface PlanOptions {
  /** Called after each existing file is read for comparison. */
  readonly onRead?: (done: number, total: number) => void;
  /** Overwrite generated files that were edited by hand (by default each one is a conflict). */
  readonly force?: boolean;
}

export interface ApplyOptions {
  /** Called after each file is written or deleted. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The run's input key (see `runInput`); with it, an identical later run can skip generating. */
  readonly input?: string;
}

type Scaffold = Extract<GeneratedFile, { kind: "scaffold" }>;

interface Draft {
  readonly changes: Change[];
  readonly notes: string[];
  readonly conflicts: string[];
  readonly files: Record<string, ManifestEntry>;
  readonly merges: Record<string, MergeMemo>;
  readonly scaffolds: Record<string, string | null>;
  readonly stableNotes: string[];
  reusable: boolean;
}

const GITATTRIBUTES = ".gitattributes";

/**
 * Work out what applying `sets` to `root` would change. Reads the disk, writes nothing.
 * Only targets present in `sets` are considered for stale files.
 */
export async function planFileSets(root: string, sets: readonly FileSet[], options: PlanOptions = {}): Promise<Plan> {
  const [old, cache] = await Promise.all([readManifest(root), readCache(root)]);
  const targets = new Set(sets.map((s) => s.target));
  const wanted = uniqueFiles(sets);
  let read = 0;
  const currents = await mapLimited(wanted, async ({ file }) => {
    const text = await readText(join(root, file.path));
    options.onRead?.(++read, wanted.length);
    return text;
  });
  const draft: Draft = {
    changes: [],
    notes: [],
    conflicts: [],
    files: Object.fromEntries(Object.entries(old.files).filter(([, e]) => !targets.has(e.target))),
    merges: Object.fromEntries(Object.entries(cache.merges).filter(([, m]) => !targets.has(m.target))),
    scaffolds: {},
    stableNotes: [],
    reusable: true,
  };
  wanted.forEach(({ target, file }, i) => {
    if (file.kind === "owned") planOwned(draft, old, target, file, currents[i], options.force === true);
    else planScaffold(draft, target, file, currents[i], cache.merges[file.path]);
  });
  for (const { target, folder } of sets.flatMap((s) =>
    (s.histories ?? []).map((folder) => ({ target: s.target, folder })),
  )) {
    assertSafePath(folder.path);
    const history = planHistory(folder, target, await readHistory(root, folder.path), old);
    Object.assign(draft.files, history.files);
    draft.conflicts.push(...history.conflicts);
    draft.changes.push(...history.changes.map((c) => change(c.path, c.before, c.content)));
  }
  await planStale(draft, root, old, targets);
  const manifest = renderManifest({ version: 1, files: draft.files });
  const [oldManifest, oldAttributes] = await Promise.all([
    readText(join(root, MANIFEST_PATH)),
    readText(join(root, GITATTRIBUTES)),
  ]);
  const attributes = withGeneratedBlock(oldAttributes ?? "", Object.keys(draft.files));
  draft.changes.push(change(MANIFEST_PATH, oldManifest, manifest), change(GITATTRIBUTES, oldAttributes, attributes));
  const { changes, notes, conflicts } = draft;
  const reusable = draft.reusable && conflicts.length === 0;
  const run = reusable
    ? {
        manifest: hashContent(manifest),
        gitattributes: hashContent(attributes),
        scaffolds: draft.scaffolds,
        notes: draft.stableNotes,
        count: changes.filter((c) => c.kind !== "delete").length,
      }
    : undefined;
  return {
    root,
    changes: changes.sort((a, b) => comparePaths(a.path, b.path)),
    notes,
    conflicts,
    cache: { ...cache, run: undefined, merges: draft.merges },
    run,
  };
}

/**
 * An owned file is a conflict when something else is in its place: a file archkit did not write,
 * or one it wrote that was edited by hand since (its hash is not the manifest's), unless `force`.
 */
function planOwned(
  draft: Draft,
  old: Manifest,
  target: Target,
  { path, content }: { readonly path: string; readonly content: string },
  current: string | undefined,
  force: boolean,
): void {
  const recorded = old.files[path];
  if (current !== undefined && current !== content && recorded === undefined) {
    draft.conflicts.push(`${path} exists and was not written by archkit; move or delete it, then generate again`);
    return;
  }
  if (current !== undefined && current !== content && !force && recorded && hashContent(current) !== recorded.hash) {
    draft.conflicts.push(
      `${path} was edited by hand since archkit wrote it; move your changes to a file you own (or undo them), or pass --force to overwrite it`,
    );
    draft.files[path] = recorded;
    return;
  }
  draft.files[path] = { hash: hashContent(content), target };
  draft.changes.push(change(path, current, content));
}

function planScaffold(
  draft: Draft,
  target: Target,
  file: Scaffold,
  current: string | undefined,
  memo: MergeMemo | undefined,
): void {
  if (!file.merge) {
    draft.scaffolds[file.path] = null;
    draft.changes.push(change(file.path, current, current ?? file.content));
    return;
  }
  const key = file.mergeKey === undefined ? undefined : hashContent(file.mergeKey);
  const result = mergeScaffold(file, file.merge, current, key, memo);
  draft.notes.push(...result.notes);
  draft.changes.push(change(file.path, current, result.content));
  if (result.stable === undefined) {
    draft.reusable = false;
    return;
  }
  const hash = hashContent(result.content);
  if (key !== undefined) draft.merges[file.path] = { target, content: hash, key, notes: result.stable };
  draft.scaffolds[file.path] = hash;
  draft.stableNotes.push(...result.stable);
}

/**
 * The merged text and its notes, and `stable`: the notes a merge of that text would give again
 * (undefined when merging it again would still change it). A remembered merge skips the work.
 */
function mergeScaffold(
  file: Scaffold,
  merge: NonNullable<Scaffold["merge"]>,
  current: string | undefined,
  key: string | undefined,
  memo: MergeMemo | undefined,
) {
  if (current === undefined) return { content: file.content, notes: [], stable: [] };
  if (key !== undefined && memo?.key === key && memo.content === hashContent(current))
    return { content: current, notes: memo.notes, stable: memo.notes };
  const first = merge(current);
  if (first.content === current) return { content: current, notes: first.notes, stable: first.notes };
  const again = merge(first.content);
  return {
    content: first.content,
    notes: first.notes,
    stable: again.content === first.content ? again.notes : undefined,
  };
}

async function planStale(draft: Draft, root: string, old: Manifest, targets: ReadonlySet<Target>): Promise<void> {
  for (const [path, entry] of Object.entries(old.files)) {
    if (!targets.has(entry.target) || draft.files[path] !== undefined) continue;
    const current = await readText(join(root, path));
    if (current === undefined) continue;
    if (isHistoryPath(path)) {
      draft.files[path] = entry;
      draft.notes.push(
        `${path} belongs to a store the service no longer uses; migrations are kept, delete it yourself`,
      );
    } else if (hashContent(current) === entry.hash) draft.changes.push({ kind: "delete", path, before: current });
    else
      draft.notes.push(
        `${path} is no longer generated but was edited by hand, so it was kept; delete it when you no longer need it`,
      );
  }
}

/**
 * Apply the plan's changes, then remember the run in `.archkit/cache.json`. A plan with conflicts
 * is never applied, not even in part: generation is all or nothing.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions = {}): Promise<void> {
  if (plan.conflicts.length > 0)
    throw new Error(`the plan has ${plan.conflicts.length} conflict(s) (${plan.conflicts[0]}); nothing was written`);
  const writes = plan.changes.filter(
    (c): c is Extract<Change, { kind: "create" | "update" }> => c.kind === "create" || c.kind === "update",
  );
  const deletes = plan.changes.filter((c): c is Extract<Change, { kind: "delete" }> => c.kind === "delete");
  const total = writes.length + deletes.length;
  let done = 0;
  const dirs = [...new Set(writes.map((c) => dirname(join(plan.root, c.path))))].sort();
  await mapLimited(dirs, (dir) => mkdir(dir, { recursive: true }), 8);
  await mapLimited(writes, async (c) => {
    const file = join(plan.root, c.path);
    await writeFile(`${file}.archkit-tmp`, c.content);
    await rename(`${file}.archkit-tmp`, file);
    options.onProgress?.(++done, total);
  });
  for (const c of deletes) {
    const file = join(plan.root, c.path);
    await unlink(file);
    await removeEmptyParents(plan.root, dirname(file));
    options.onProgress?.(++done, total);
  }
  await writeCache(plan, options.input);
}

/** What stays out of version control in `.archkit/`: the generate cache, `archkit dev`'s state and log, the dev signing secret. */

async function writeCache(plan: Plan, input: string | undefined): Promise<void> {
  const run = input !== undefined && plan.run !== undefined ? { input, ...plan.run } : undefined;
  await mkdir(join(plan.root, dirname(CACHE_PATH)), { recursive: true });
  await writeFile(join(plan.root, CACHE_PATH), renderCache({ ...plan.cache, run }));
  const ignore = join(plan.root, dirname(CACHE_PATH), ".gitignore");
  if ((await readText(ignore)) === undefined) await writeFile(ignore, `${LOCAL_FILES.join("\n")}\n`);
}

/** True when applying the plan would change nothing. */
export function isUpToDate(plan: Plan): boolean {
  return plan.changes.every((c) => c.kind === "unchanged");
}

function uniqueFiles(sets: readonly FileSet[]): { readonly target: Target; readonly file: GeneratedFile }[] {
  const seen = new Map<string, Target>();
  return sets.flatMap((set) =>
    set.files.map((file) => {
      assertSafePath(file.path);
      const other = seen.get(file.path);
      if (other !== undefined) throw new Error(`two generators (${other}, ${set.target}) both produce ${file.path}`);
      seen.set(file.path, set.target);
      return { target: set.target, file };
    }),
  );
}

function change(path: string, before: string | undefined, content: string): Change {
  if (before === undefined) return { kind: "create", path, content };
  return before === content ? { kind: "unchanged", path } : { kind: "update", path, before, content };
}

async function removeEmptyParents(root: string, dir: string): Promise<void> {
  let current = dir;
  while (current.startsWith(root) && current !== root) {
    if ((await readdir(current)).length > 0) return;
    await rmdir(current);
    current = dirname(current);
  }
}
