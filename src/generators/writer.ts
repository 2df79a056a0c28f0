import { mkdir, readdir, readFile, rename, rmdir, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { FileSet, GeneratedFile, Target } from "./fileset.js";
import { hashContent, MANIFEST_PATH, readManifest, renderManifest, type Manifest, type ManifestEntry } from "./manifest.js";
import { assertSafePath } from "./paths.js";

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
}

const GITATTRIBUTES = ".gitattributes";
const BLOCK_START = "# >>> archkit: generated files";
const BLOCK_END = "# <<< archkit";

/**
 * Work out what applying `sets` to `root` would change. Reads the disk, writes nothing.
 * Only targets present in `sets` are considered for stale files.
 */
export async function planFileSets(root: string, sets: readonly FileSet[]): Promise<Plan> {
  const old = await readManifest(root);
  const targets = new Set(sets.map((s) => s.target));
  const changes: Change[] = [];
  const notes: string[] = [];
  const conflicts: string[] = [];
  const files: Record<string, ManifestEntry> = Object.fromEntries(Object.entries(old.files).filter(([, e]) => !targets.has(e.target)));
  for (const { target, file } of uniqueFiles(sets)) {
    const current = await readText(root, file.path);
    if (file.kind === "owned") {
      if (current !== undefined && current !== file.content && old.files[file.path] === undefined) {
        conflicts.push(`${file.path} exists and was not written by archkit; move or delete it, then generate again`);
        continue;
      }
      files[file.path] = { hash: hashContent(file.content), target };
      changes.push(change(file.path, current, file.content));
    } else {
      const merged = current !== undefined && file.merge ? file.merge(current) : undefined;
      notes.push(...(merged?.notes ?? []));
      changes.push(change(file.path, current, current === undefined ? file.content : (merged?.content ?? current)));
    }
  }
  for (const [path, entry] of Object.entries(old.files)) {
    if (!targets.has(entry.target) || files[path] !== undefined) continue;
    const current = await readText(root, path);
    if (current === undefined) continue;
    if (hashContent(current) === entry.hash) changes.push({ kind: "delete", path, before: current });
    else notes.push(`${path} is no longer generated but was edited by hand, so it was kept; delete it when you no longer need it`);
  }
  const manifest: Manifest = { version: 1, files };
  changes.push(change(MANIFEST_PATH, await readText(root, MANIFEST_PATH), renderManifest(manifest)));
  const attributes = await readText(root, GITATTRIBUTES);
  changes.push(change(GITATTRIBUTES, attributes, withGeneratedBlock(attributes ?? "", Object.keys(files))));
  return { root, changes: changes.sort((a, b) => compare(a.path, b.path)), notes, conflicts };
}

/** Apply the plan's changes; `onProgress` is called after each file. */
export async function applyPlan(plan: Plan, onProgress?: (done: number, total: number) => void): Promise<void> {
  const work = plan.changes.filter((c) => c.kind !== "unchanged");
  let done = 0;
  for (const c of work as readonly Change[]) {
    const file = join(plan.root, c.path);
    switch (c.kind) {
      case "create":
      case "update":
        await mkdir(dirname(file), { recursive: true });
        await writeFile(`${file}.archkit-tmp`, c.content);
        await rename(`${file}.archkit-tmp`, file);
        break;
      case "delete":
        await unlink(file);
        await removeEmptyParents(plan.root, dirname(file));
        break;
      case "unchanged":
        break;
      default: {
        const unreachable: never = c;
        throw new Error(`unhandled change ${JSON.stringify(unreachable)}`);
      }
    }
    onProgress?.(++done, work.length);
  }
}

/** True when applying the plan would change nothing. */
export function isUpToDate(plan: Plan): boolean {
  return plan.changes.every((c) => c.kind === "unchanged");
}

/** A unified diff of every change, for `generate --check`. */
export function renderDiff(plan: Plan): string {
  return plan.changes
    .map((c) => {
      switch (c.kind) {
        case "create":
          return createTwoFilesPatch("/dev/null", `b/${c.path}`, "", c.content, "", "", { context: 3 });
        case "update":
          return createTwoFilesPatch(`a/${c.path}`, `b/${c.path}`, c.before, c.content, "", "", { context: 3 });
        case "delete":
          return createTwoFilesPatch(`a/${c.path}`, "/dev/null", c.before, "", "", "", { context: 3 });
        case "unchanged":
          return "";
        default: {
          const unreachable: never = c;
          return String(unreachable);
        }
      }
    })
    .filter((d) => d !== "")
    .join("");
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

/** The user's .gitattributes with archkit's block (marking owned files linguist-generated) replaced or appended. */
export function withGeneratedBlock(existing: string, paths: readonly string[]): string {
  const block = [BLOCK_START, ...[...paths].sort(compare).map((p) => `/${p} linguist-generated=true`), BLOCK_END].join("\n");
  const start = existing.indexOf(BLOCK_START);
  const end = existing.indexOf(BLOCK_END);
  if (start >= 0 && end > start) return `${existing.slice(0, start)}${block}${existing.slice(end + BLOCK_END.length)}`;
  const prefix = existing === "" || existing.endsWith("\n") ? existing : `${existing}\n`;
  return `${prefix}${prefix === "" ? "" : "\n"}${block}\n`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function readText(root: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, path), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function removeEmptyParents(root: string, dir: string): Promise<void> {
  let current = dir;
  while (current.startsWith(root) && current !== root) {
    if ((await readdir(current)).length > 0) return;
    await rmdir(current);
    current = dirname(current);
  }
}
