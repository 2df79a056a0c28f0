import { readFile } from "node:fs/promises";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
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
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics = doc.errors.map((error) => {
    const start = lineCounter.linePos(errorOffset(text, error.pos[0], error.message));
    const loc = { file, line: start.line, column: start.col };
    const message = firstLine(error.message);
    return error.code === "DUPLICATE_KEY"
      ? diagnostic("duplicateKey", {
          loc,
          message: `duplicate key: ${message}`,
          hint: "remove or rename one of the two entries",
        })
      : diagnostic("yamlSyntax", { loc, message: `YAML syntax error: ${message}` });
  });
  if (doc.errors.some((e) => e.code !== "DUPLICATE_KEY")) return { diagnostics };
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
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
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
