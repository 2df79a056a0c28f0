import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { diagnostic, type Diagnostic, type Loc } from "./diagnostics.js";
import { isMapping, mergeParts } from "./merge.js";
import { parseSpec, readSpecFile, type LoadResult, type RawSpec, type SourceFile } from "./source.js";
import { DISK_READER, expandPattern, isPattern, type SpecReader } from "./spec-reader.js";
import { closest } from "./suggest.js";

/** Read and parse a spec with every file it includes, as one RawSpec. Never throws for bad input. */
export async function loadSpec(file: string): Promise<LoadResult> {
  return resolveIncludes(await readSpecFile(file), DISK_READER);
}

/**
 * Read the files a parsed root spec includes and merge them into it. A spec without
 * `include:` comes back as it is.
 */
export function resolveIncludes(loaded: LoadResult, reader: SpecReader = DISK_READER): LoadResult {
  const root = loaded.raw;
  if (!root || !hasIncludes(root.data)) return loaded;
  const walk = collectParts(root, reader);
  const diagnostics = [...loaded.diagnostics, ...walk.diagnostics];
  if (walk.unreadable) return { diagnostics };
  const merged = mergeParts(root, walk.parts, walk.files);
  return { raw: merged.raw, diagnostics: [...diagnostics, ...merged.diagnostics] };
}

/** The files of a spec, the root first, without merging them (for watchers and run keys). */
export function listSpecFiles(root: SourceFile, reader: SpecReader = DISK_READER): readonly SourceFile[] {
  const { raw } = parseSpec(root.text, root.file);
  return raw && hasIncludes(raw.data) ? collectParts(raw, reader).files : [root];
}

function hasIncludes(data: unknown): boolean {
  return isMapping(data) && Object.hasOwn(data, "include");
}

interface Walk {
  readonly reader: SpecReader;
  /** The root spec's folder, absolute: every included file lives in it. */
  readonly rootDir: string;
  readonly seen: Set<string>;
  readonly parts: RawSpec[];
  readonly files: SourceFile[];
  readonly diagnostics: Diagnostic[];
  unreadable: boolean;
}

function collectParts(root: RawSpec, reader: SpecReader): Walk {
  const rootPath = resolve(root.file);
  const walk: Walk = {
    reader,
    rootDir: dirname(rootPath),
    seen: new Set([rootPath]),
    parts: [],
    files: [{ file: root.file, text: root.text }],
    diagnostics: [],
    unreadable: false,
  };
  visit(walk, root, [rootPath]);
  return walk;
}

interface Entry {
  readonly pattern: string;
  readonly loc: Loc;
}

/** Depth first, in the order the files list their includes; `chain` is the absolute paths from the root to `raw`. */
function visit(walk: Walk, raw: RawSpec, chain: readonly string[]): void {
  for (const entry of includeEntries(walk, raw)) {
    const pattern = isPattern(entry.pattern);
    for (const target of targetsOf(walk, raw, entry)) includeFile(walk, target, entry, chain, pattern);
  }
}

function includeEntries(walk: Walk, raw: RawSpec): Entry[] {
  const list = (raw.data as Record<string, unknown>).include;
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) {
    walk.diagnostics.push(
      diagnostic("wrongType", {
        loc: raw.locate(["include"]),
        message: "`include` must be a list of file paths",
        hint: "write `include: [domains/orders.yaml]` or `include: [domains/*.yaml]`",
      }),
    );
    return [];
  }
  return list.flatMap((item: unknown, index): Entry[] => {
    const loc = raw.locate(["include", index]);
    if (typeof item === "string" && item.trim() !== "") return [{ pattern: item.trim(), loc }];
    walk.diagnostics.push(
      diagnostic("wrongType", {
        loc,
        message: "an `include` entry must be a file path or a pattern such as `domains/*.yaml`",
      }),
    );
    return [];
  });
}

/** The files an entry names, relative as the including file is; none (with a diagnostic) when it names none. */
function targetsOf(walk: Walk, raw: RawSpec, entry: Entry): string[] {
  const { pattern, loc } = entry;
  const base = dirname(raw.file);
  if (isAbsolute(pattern)) {
    walk.diagnostics.push(outside(loc, `\`${pattern}\` is an absolute path`));
    return [];
  }
  if (!isPattern(pattern)) {
    const target = join(base, pattern);
    if (inside(walk, target)) return [target];
    walk.diagnostics.push(outside(loc, `\`${pattern}\` leads out of the root spec's folder`));
    return [];
  }
  const segments = pattern.split("/");
  const fixed = segments.slice(
    0,
    segments.findIndex((segment) => isPattern(segment)),
  );
  if (!inside(walk, join(base, ...fixed, "x"))) {
    walk.diagnostics.push(outside(loc, `\`${pattern}\` leads out of the root spec's folder`));
    return [];
  }
  const matches = expandPattern(walk.reader, base, pattern).filter((file) => inside(walk, file));
  if (matches.length === 0)
    walk.diagnostics.push(
      diagnostic("includeNotFound", {
        loc,
        message: `\`${pattern}\` matches no file`,
        hint: "a pattern matches files relative to the file that includes it; `*` matches within a name, `**/` any folders",
      }),
    );
  return matches;
}

function inside(walk: Walk, file: string): boolean {
  const path = relative(walk.rootDir, resolve(file));
  return path !== ".." && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

function outside(loc: Loc, message: string): Diagnostic {
  return diagnostic("includeOutside", {
    loc,
    message,
    hint: "include files beside or below the root spec, with a path relative to the file that includes them",
  });
}

function includeFile(walk: Walk, target: string, entry: Entry, chain: readonly string[], fromPattern: boolean): void {
  const path = resolve(target);
  if (chain.includes(path)) {
    if (!fromPattern) walk.diagnostics.push(cycle(walk, entry, [...chain, path]));
    return;
  }
  if (walk.seen.has(path)) return;
  const text = readPart(walk, target, entry);
  if (text === undefined) return;
  walk.seen.add(path);
  walk.files.push({ file: target, text });
  const parsed = parseSpec(text, target);
  walk.diagnostics.push(...parsed.diagnostics);
  if (!parsed.raw) {
    walk.unreadable = true;
    return;
  }
  const { data } = parsed.raw;
  if (data === null || data === undefined) return;
  if (!isMapping(data)) {
    walk.diagnostics.push(notMapping(walk, parsed.raw, entry));
    return;
  }
  walk.parts.push(parsed.raw);
  visit(walk, parsed.raw, [...chain, path]);
}

function readPart(walk: Walk, target: string, entry: Entry): string | undefined {
  try {
    return walk.reader.read(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = show(walk, target);
    const near = closest(
      target.slice(dirname(target).length + 1),
      walk.reader
        .list(dirname(target))
        .filter((e) => !e.dir)
        .map((e) => e.name),
    );
    walk.diagnostics.push(
      diagnostic("includeNotFound", {
        loc: entry.loc,
        message:
          code === "ENOENT"
            ? `included file \`${shown}\` does not exist`
            : code === "EISDIR"
              ? `\`${shown}\` is a folder, not a file`
              : `included file \`${shown}\` cannot be read (${code ?? "unknown error"})`,
        hint:
          code === "EISDIR"
            ? `include the files in it with a pattern such as \`${entry.pattern}/*.yaml\``
            : near
              ? `did you mean \`${join(dirname(entry.pattern), near)}\`?`
              : "paths are relative to the file that includes them",
      }),
    );
    return undefined;
  }
}

function cycle(walk: Walk, entry: Entry, chain: readonly string[]): Diagnostic {
  return diagnostic("includeCycle", {
    loc: entry.loc,
    message: `include cycle: ${chain.map((file) => show(walk, file)).join(" → ")}`,
    hint: "a file is read once; remove this entry",
  });
}

function notMapping(walk: Walk, raw: RawSpec, entry: Entry): Diagnostic {
  const kind = Array.isArray(raw.data) ? "a list" : "a single value";
  return diagnostic("includeNotMapping", {
    loc: raw.locate([]),
    message: `\`${show(walk, raw.file)}\` (included at ${show(walk, entry.loc.file)}:${entry.loc.line}) holds ${kind}, not a mapping of top-level keys`,
    hint: "an included file maps keys such as `services:` or `events:` to their entries",
  });
}

/** A file as messages name it: relative to the root spec's folder. */
function show(walk: Walk, file: string): string {
  return relative(walk.rootDir, resolve(file)) || file;
}
