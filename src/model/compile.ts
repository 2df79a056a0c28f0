import { hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import type { Model } from "./model-system.js";
import { normalize } from "./normalize/index.js";
import { MODEL_RULES, runRules } from "./rules/index.js";
import { checkSchema } from "./schema-check.js";
import { loadSpec, resolveIncludes } from "./include.js";
import { parseSpec, type LoadResult, type RawSpec } from "./source.js";
import { DISK_READER, type SpecReader } from "./spec-reader.js";

export interface CompileResult {
  readonly raw?: RawSpec;
  /** Present when the spec reached the model stage; generators must also check that `ok` is true. */
  readonly model?: Model;
  readonly diagnostics: readonly Diagnostic[];
  /** No error-severity diagnostics. */
  readonly ok: boolean;
}

/**
 * Every stage at once: YAML, schema, normalization with references, model rules. Never throws for bad input.
 * The files the text includes are read with `reader` (relative to `file`).
 */
export function compileSpec(text: string, file: string, reader: SpecReader = DISK_READER): CompileResult {
  return fromLoad(resolveIncludes(parseSpec(text, file), reader));
}

/** Like `compileSpec`, reading the file first. */
export async function compileFile(file: string): Promise<CompileResult> {
  return fromLoad(await loadSpec(file));
}

function fromLoad(loaded: LoadResult): CompileResult {
  const { raw } = loaded;
  if (!raw) return done(loaded.diagnostics);
  const checked = checkSchema(raw);
  const early = [...loaded.diagnostics, ...checked.diagnostics];
  if (!checked.spec) return done(early, raw);
  const { model, diagnostics } = normalize(checked.spec, raw, checked.pruned);
  const rules = runRules(MODEL_RULES, model, raw, early.length === 0);
  return done([...early, ...diagnostics, ...rules], raw, model);
}

function done(diagnostics: readonly Diagnostic[], raw?: RawSpec, model?: Model): CompileResult {
  const sorted = sortDiagnostics(dedupe(diagnostics));
  return { raw, model, diagnostics: sorted, ok: !hasErrors(sorted) };
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.code}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
