import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { mapLimited, readText } from "./cache.js";
import type { HistoryFolder, Target } from "./fileset.js";
import { hashContent, type Manifest, type ManifestEntry } from "./manifest.js";
import { parseMigrationFileName, SNAPSHOT_FILE } from "../model/naming.js";

/** What planning a history folder adds to the writer's plan. */
export interface HistoryPlan {
  readonly changes: readonly { readonly path: string; readonly before?: string; readonly content: string }[];
  readonly files: Readonly<Record<string, ManifestEntry>>;
  readonly conflicts: readonly string[];
}

/** The files directly inside a history folder, by name; an absent folder is empty. */
export async function readHistory(root: string, dir: string): Promise<ReadonlyMap<string, string>> {
  let names: string[];
  try {
    names = (await readdir(join(root, dir), { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw error;
  }
  names.sort();
  const texts = await mapLimited(names, (name) => readText(join(root, dir, name)));
  return new Map(names.flatMap((name, i) => (texts[i] === undefined ? [] : [[name, texts[i]!] as const])));
}

/**
 * A history folder (a store's migrations): the files it had stay as they are (hand edits
 * included) and stay in the manifest with the hash archkit wrote; the file's `evolve` adds new
 * files and may rewrite only those it names in `rewritable` (the snapshot).
 */
export function planHistory(
  file: HistoryFolder,
  target: Target,
  existing: ReadonlyMap<string, string>,
  old: Manifest,
): HistoryPlan {
  const wanted = file.evolve(existing);
  const changes: { path: string; before?: string; content: string }[] = [];
  const files: Record<string, ManifestEntry> = {};
  const conflicts: string[] = [];
  for (const [name, content] of existing) {
    const path = `${file.path}/${name}`;
    files[path] = old.files[path] ?? { hash: hashContent(content), target };
  }
  for (const { name, content } of wanted) {
    const path = `${file.path}/${name}`;
    const before = existing.get(name);
    if (before !== undefined && before !== content && !file.rewritable.includes(name)) {
      conflicts.push(`${path} exists and archkit would write another migration under that name; rename yours`);
      continue;
    }
    files[path] = { hash: hashContent(content), target };
    changes.push({ path, ...(before === undefined ? {} : { before }), content });
  }
  return { changes, files, conflicts };
}

/** A migration file or snapshot of a store's migrations folder (`.../migrations/<store>/<file>`): never removed as stale. */
export function isHistoryPath(path: string): boolean {
  const parts = path.split("/");
  const name = parts.at(-1) ?? "";
  return parts.at(-3) === "migrations" && (name === SNAPSHOT_FILE || parseMigrationFileName(name) !== undefined);
}
