import { readFile } from "node:fs/promises";
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Pair,
  parseDocument,
  type Document,
  type Node,
  type YAMLMap,
} from "yaml";
import { diagnostic, type Diagnostic, type Loc } from "./diagnostics.js";

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Span extends Loc {
  readonly length?: number;
}

/** One file of a spec and its text. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

/**
 * The spec as written: plain data plus the YAML documents it came from, so that any
 * path into the data can be turned back into a file and a 1-based line:column.
 */
export interface RawSpec {
  /** The root spec. */
  readonly file: string;
  /** The root spec's text. */
  readonly text: string;
  /** Every file of the spec: the root first, then the files it includes, in reading order. */
  readonly files: readonly SourceFile[];
  readonly data: unknown;
  /** Position of the value at `path` (or of its key with `"key"`); the closest existing ancestor if it is absent. */
  readonly locate: (path: Path, part?: "key" | "value") => Span;
}

export interface LoadResult {
  readonly raw?: RawSpec;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parse spec text. Syntax errors come back as diagnostics; `raw` is absent when the text cannot be read as YAML. */
export function parseSpec(text: string, file: string): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const syntax = doc.errors.map((error) => {
    const start = lineCounter.linePos(errorOffset(text, error.pos[0], error.message));
    const loc = { file, line: start.line, column: start.col };
    return diagnostic("yamlSyntax", { loc, message: `YAML syntax error: ${firstLine(error.message)}` });
  });
  if (syntax.length > 0) return { diagnostics: syntax };
  const diagnostics = checkKeys(doc, lineCounter, file);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    return {
      diagnostics: [
        ...diagnostics,
        diagnostic("yamlSyntax", { loc: { file, line: 1, column: 1 }, message: `YAML cannot be read: ${message}` }),
      ],
    };
  }
  const locate = locator(doc, lineCounter, file);
  return { raw: { file, text, files: [{ file, text }], data, locate }, diagnostics };
}

/** Read and parse one spec file, without its includes. A missing or unreadable file is a diagnostic, not an exception. */
export async function readSpecFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "is a directory, expected a YAML file"
          : firstLine(String(error));
    return {
      diagnostics: [
        diagnostic("yamlSyntax", {
          loc: { file, line: 1, column: 1 },
          message: `cannot read ${file}: ${reason}`,
          hint:
            code === "ENOENT"
              ? "run `archkit init` to create an architecture.yaml, or pass the path of your spec"
              : undefined,
        }),
      ],
    };
  }
  return parseSpec(text, file);
}

/**
 * Where a person would look for the error: the opening quote or bracket that was never closed,
 * or the first character of a badly indented line, rather than where the parser gave up.
 */
function errorOffset(text: string, offset: number, message: string): number {
  const quote = /Missing closing (["'])quote/.exec(message)?.[1];
  if (quote) {
    const opening = text.lastIndexOf(quote, Math.max(0, offset - 1));
    if (opening >= 0) return opening;
  }
  const bracket = /Flow (map|sequence)/.exec(message)?.[1];
  if (bracket) {
    const opening = unmatchedOpening(text, offset, bracket === "map" ? "{" : "[", bracket === "map" ? "}" : "]");
    if (opening >= 0) return opening;
  }
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  if (offset === lineStart) {
    const indent = /^[ ]*/.exec(text.slice(lineStart))?.[0].length ?? 0;
    if (indent > 0 && text[lineStart + indent] !== "\n") return lineStart + indent;
  }
  return offset;
}

function unmatchedOpening(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = Math.min(from, text.length) - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").trim();
}

function locator(doc: Document, lineCounter: LineCounter, file: string): RawSpec["locate"] {
  const spanOf = (node: Node | null | undefined, fallback: Span): Span => {
    const range = node?.range;
    if (!range) return fallback;
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(range[1]);
    const length = end.line === start.line ? Math.max(1, end.col - start.col) : undefined;
    return { file, line: start.line, column: start.col, ...(length === undefined ? {} : { length }) };
  };
  const top: Span = { file, line: 1, column: 1 };
  return (path, part = "value") => {
    let node: Node | null | undefined = doc.contents;
    let span = spanOf(node, top);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = keyIndex(node).get(String(segment));
        if (!pair) return span;
        const keySpan = spanOf(pair.key as Node, span);
        if (last && part === "key") return keySpan;
        node = pair.value as Node | null;
        span = node ? spanOf(node, keySpan) : keySpan;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) return span;
        node = item;
        span = spanOf(node, span);
      } else {
        return span;
      }
    }
    return span;
  };
}

const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The pairs of a map by their scalar key, the first of duplicates kept, built once per map. */
function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map);
  if (index) return index;
  index = new Map();
  for (const pair of map.items)
    if (isPair(pair) && isScalar(pair.key) && !index.has(String(pair.key.value)))
      index.set(String(pair.key.value), pair);
  indexes.set(map, index);
  return index;
}

/**
 * A key written twice in one mapping, and a `__proto__` key (which JavaScript drops when the data
 * is built), found in one pass over the document with one set per mapping (the YAML library's own
 * duplicate check compares every key with every other).
 */
function checkKeys(doc: Document, lineCounter: LineCounter, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const at = (key: Node) => {
    const [start = 0, end = start + 1] = key.range ?? [];
    const pos = lineCounter.linePos(start);
    return { file, line: pos.line, column: pos.col, length: Math.max(1, end - start) };
  };
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) stack.push(...node.items);
    if (!isMap(node)) continue;
    const seen = new Map<string, Node>();
    for (const pair of node.items) {
      stack.push(pair.value);
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      if (name === "__proto__")
        found.push(
          diagnostic("reservedKey", {
            loc: at(pair.key),
            message: "the key `__proto__` is dropped when the spec is read: what it holds would vanish",
            hint: "rename it; names of services, events, schemas, properties and terms cannot be `__proto__`",
          }),
        );
      const identity = `${typeof pair.key.value}:${name}`;
      const first = seen.get(identity);
      if (!first) {
        seen.set(identity, pair.key);
        continue;
      }
      const firstLoc = at(first);
      found.push(
        diagnostic("duplicateKey", {
          loc: at(pair.key),
          message: `duplicate key \`${name}\`: it is already set at line ${firstLoc.line}:${firstLoc.column}`,
          hint: "remove or rename one of the two entries",
        }),
      );
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
