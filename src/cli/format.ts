import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import { relative } from "node:path";
import type { Diagnostic, RawSpec } from "../model/index.js";

export interface FormatOptions {
  /** Source text for code frames; absent when the file could not be read. */
  readonly source?: string;
  readonly color: boolean;
}

/** One diagnostic as `file:line:column severity code message`, its code frame and hint. */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions): string {
  const c = colors(options.color);
  const severity = d.severity === "error" ? c.red("error") : c.yellow("warning");
  const lines = [`${c.bold(`${d.file}:${d.line}:${d.column}`)} ${severity} ${c.dim(d.code)} ${d.message}`];
  if (options.source !== undefined && d.line > 0) {
    const frame = codeFrameColumns(
      options.source,
      {
        start: { line: d.line, column: d.column },
        end: { line: d.line, column: d.column + Math.max(1, d.length ?? 1) },
      },
      { highlightCode: false, linesAbove: 1, linesBelow: 1 },
    );
    lines.push(indent(frame));
  }
  if (d.hint) lines.push(`  ${c.cyan("hint:")} ${d.hint}`);
  return lines.join("\n");
}

/**
 * Diagnostics as the terminal shows them: each `file` relative to `cwd`, with the text of the
 * file it points into for its code frame (a spec may span several files).
 */
export function shownDiagnostics(
  cwd: string,
  raw: RawSpec | undefined,
  diagnostics: readonly Diagnostic[],
): readonly { readonly diagnostic: Diagnostic; readonly source?: string }[] {
  const sources = new Map((raw?.files ?? []).map((f) => [f.file, f.text]));
  return diagnostics.map((d) => ({
    diagnostic: { ...d, file: relative(cwd, d.file) || d.file },
    source: sources.get(d.file),
  }));
}

export function formatSummary(file: string, diagnostics: readonly Diagnostic[], color: boolean): string {
  const c = colors(color);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  if (errors > 0) return c.red(`✖ ${file}: ${counts}`);
  if (warnings > 0) return c.yellow(`⚠ ${file} is valid with ${plural(warnings, "warning")}`);
  return c.green(`✔ ${file} is valid`);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

function colors(enabled: boolean) {
  const c = pc.createColors(enabled);
  return { red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan, dim: c.dim, bold: c.bold };
}
