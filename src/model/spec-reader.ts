import { readdirSync, readFileSync } from "node:fs";
import { join, normalize } from "node:path";

/** How included files are found and read: the disk, or files in memory (tests, editors). */
export interface SpecReader {
  /** The text of a file; throws an error with a `code` (ENOENT, EISDIR, ...) when it cannot be read. */
  readonly read: (file: string) => string;
  /** The entries of a folder; empty when it does not exist. */
  readonly list: (dir: string) => readonly DirEntry[];
}

export interface DirEntry {
  readonly name: string;
  readonly dir: boolean;
}

export const DISK_READER: SpecReader = {
  read: (file) => readFileSync(file, "utf8"),
  list: (dir) => {
    try {
      return readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() }));
    } catch {
      return [];
    }
  },
};

/** A reader over files held in memory, keyed by path (`domains/orders.yaml`). */
export function memoryReader(files: Readonly<Record<string, string>>): SpecReader {
  const texts = new Map(Object.entries(files).map(([path, text]) => [normalize(path), text]));
  return {
    read: (file) => {
      const text = texts.get(normalize(file));
      if (text !== undefined) return text;
      const error = new Error(`ENOENT: no such file, open '${file}'`) as NodeJS.ErrnoException;
      const below = `${normalize(file)}/`;
      error.code = [...texts.keys()].some((path) => path.startsWith(below)) ? "EISDIR" : "ENOENT";
      throw error;
    },
    list: (dir) => {
      const entries = new Map<string, boolean>();
      const base = normalize(dir);
      for (const path of texts.keys()) {
        const rest = base === "." ? path : path.startsWith(`${base}/`) ? path.slice(base.length + 1) : undefined;
        if (rest === undefined || rest.startsWith("../")) continue;
        const [name, ...below] = rest.split("/");
        if (name) entries.set(name, (entries.get(name) ?? false) || below.length > 0);
      }
      return [...entries].map(([name, isDir]) => ({ name, dir: isDir }));
    },
  };
}

/** Whether a path segment is a pattern (`*`, `?`, `**`). */
export function isPattern(path: string): boolean {
  return /[*?]/.test(path);
}

/**
 * The files matching `pattern` (`*` and `?` within a name, `**` for any number of folders),
 * relative to `base`, sorted. Names starting with a dot are matched only by a pattern that
 * starts with one.
 */
export function expandPattern(reader: SpecReader, base: string, pattern: string): string[] {
  const found = walk(
    reader,
    base,
    pattern.split("/").filter((s) => s !== "" && s !== "."),
  );
  return [...new Set(found)].sort();
}

function walk(reader: SpecReader, base: string, segments: readonly string[]): string[] {
  const [head, ...rest] = segments;
  if (head === undefined) return [];
  if (head === "**") {
    const deeper = reader
      .list(base)
      .filter((e) => e.dir && !e.name.startsWith("."))
      .flatMap((e) => walk(reader, join(base, e.name), segments));
    return [...walk(reader, base, rest), ...deeper];
  }
  if (!isPattern(head) && rest.length > 0) return walk(reader, join(base, head), rest);
  const matches = segmentMatcher(head);
  return reader
    .list(base)
    .filter((e) => matches(e.name) && e.dir === rest.length > 0)
    .flatMap((e) => (rest.length === 0 ? [join(base, e.name)] : walk(reader, join(base, e.name), rest)));
}

function segmentMatcher(segment: string): (name: string) => boolean {
  if (!isPattern(segment)) return (name) => name === segment;
  const source = segment
    .split("")
    .map((c) => (c === "*" ? "[^/]*" : c === "?" ? "[^/]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const re = new RegExp(`^${source}$`);
  const dotted = segment.startsWith(".");
  return (name) => re.test(name) && (dotted || !name.startsWith("."));
}
