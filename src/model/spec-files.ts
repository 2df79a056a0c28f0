import { readFile } from "node:fs/promises";
import type { SourceFile } from "./source.js";

/**
 * Whether spec text may have an `include:` key. A cheap look at the text, so that a spec
 * without includes is never parsed (nor the YAML parser loaded) just to list its files.
 */
export function mayInclude(text: string): boolean {
  return /(^|[{,\s])["']?include["']?[ \t]*:/.test(text);
}

/** Every file of the spec at `file` with its text: the root first, then what it includes. Empty when the root cannot be read. */
export async function specSources(file: string): Promise<readonly SourceFile[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return [];
  }
  if (!mayInclude(text)) return [{ file, text }];
  const { listSpecFiles } = await import("./include.js");
  return listSpecFiles({ file, text });
}

/** The files a watcher of the spec at `file` watches: the root and every file it includes. */
export async function specFiles(file: string): Promise<readonly string[]> {
  const sources = await specSources(file);
  return sources.length === 0 ? [file] : sources.map((s) => s.file);
}
