export { compileFile, compileSpec } from "./compile.js";
export type { CompileResult } from "./compile.js";
export { diagnostic, hasErrors, RULES, sortDiagnostics } from "./diagnostics.js";
export type { Diagnostic, Loc, RuleInfo, RuleKey, Severity } from "./diagnostics.js";
export { loadSpec, resolveIncludes } from "./include.js";
export { parseSpec, readSpecFile } from "./source.js";
export type { LoadResult, Path, PathSegment, RawSpec, SourceFile, Span } from "./source.js";
export { DISK_READER, memoryReader } from "./spec-reader.js";
export type { DirEntry, SpecReader } from "./spec-reader.js";
export { specFiles, specSources } from "./spec-files.js";
export { checkSchema } from "./schema-check.js";
export { normalize } from "./normalize/index.js";
export { PROBLEM_SCHEMA } from "./normalize/schemas.js";
export { MODEL_RULES, flowBudget, runRules, schemaUses } from "./rules/index.js";
export { AJV_PRESETS, createAjv, EXTRA_KEYWORDS, runtimeAjv } from "./ajv.js";
export type { AjvPreset, NamedJsonSchema, RuntimeAjv } from "./ajv.js";
export type { BudgetHop, FlowBudget, Rule, RuleContext } from "./rules/index.js";
export {
  SpecPartSchema,
  SpecSchema,
  specJsonSchema,
  specJsonSchemaText,
  specPartJsonSchema,
  specPartJsonSchemaText,
} from "./schema/index.js";
export { renderRulesDoc } from "./rules-doc.js";
export type { SpecInput } from "./schema/index.js";
export { formatDuration, kebabCase, parseDuration, parsePercentage } from "./units.js";
export { closest, didYouMean } from "./suggest.js";
export { ArchkitError, isArchkitError } from "./errors.js";
export type { ArchkitErrorOptions, ExitCode } from "./errors.js";
export { isLocalRef, namedRef } from "./schema-ref.js";
export type * from "./model.js";
export type * from "./model-system.js";
export * from "./computed/index.js";
export * from "./naming.js";
