import { comparePaths } from "./paths.js";

const BLOCK_START = "# >>> archkit: generated files";
const BLOCK_END = "# <<< archkit";

/** The user's .gitattributes with archkit's block (marking owned files linguist-generated) replaced or appended. */
export function withGeneratedBlock(existing: string, paths: readonly string[]): string {
  const block = [
    BLOCK_START,
    ...[...paths].sort(comparePaths).map((p) => `/${p} linguist-generated=true`),
    BLOCK_END,
  ].join("\n");
  const start = existing.indexOf(BLOCK_START);
  const end = existing.indexOf(BLOCK_END);
  if (start >= 0 && end > start) return `${existing.slice(0, start)}${block}${existing.slice(end + BLOCK_END.length)}`;
  const prefix = existing === "" || existing.endsWith("\n") ? existing : `${existing}\n`;
  return `${prefix}${prefix === "" ? "" : "\n"}${block}\n`;
}
