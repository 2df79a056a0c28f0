import type { z } from "zod";
import { diagnostic, type Diagnostic, type RuleKey } from "./diagnostics.js";
import { PATTERNS, SpecSchema, type PatternName, type SpecInput } from "./schema/index.js";
import { discriminatorValues, keysAt, valueAt } from "./schema-walk.js";
import { repair } from "./repair.js";
import type { Path, RawSpec } from "./source.js";
import { closest, didYouMean, listNames } from "./suggest.js";

type Issue = z.core.$ZodIssue;

const PATTERN_RULES = new Map<string, RuleKey>(
  (Object.entries(PATTERNS) as [PatternName, RegExp][]).map(([name, re]) => [String(re), patternRule(name)]),
);

function patternRule(name: PatternName): RuleKey {
  switch (name) {
    case "duration":
      return "invalidDuration";
    case "percentage":
      return "invalidPercentage";
    case "identifier":
    case "typeName":
    case "sqlName":
    case "kebab":
      return "invalidName";
    case "auth":
      return "invalidValue";
    default:
      return "invalidFormat";
  }
}

export interface SchemaCheckResult {
  readonly spec?: SpecInput;
  readonly diagnostics: readonly Diagnostic[];
  /** Named entries set aside because they are invalid; references to them are not reported again. */
  readonly pruned: readonly Path[];
}

const REPAIR_ROUNDS = 5;

/**
 * Check the raw data against the spec schema. Every problem is reported; then, so that one typo
 * does not hide every semantic problem, a repaired copy (see `repair`) is checked again and,
 * when it passes, handed to the later stages.
 */
export function checkSchema(raw: RawSpec): SchemaCheckResult {
  if (raw.data === null || raw.data === undefined) {
    return {
      pruned: [],
      diagnostics: [
        diagnostic("unsupportedVersion", {
          loc: raw.locate([]),
          message: "the spec is empty",
          hint: "start the file with `archkit: 1`, then `system:` and `services:`; `archkit init` writes a complete example",
        }),
      ],
    };
  }
  const result = SpecSchema.safeParse(raw.data);
  if (result.success) return { spec: result.data, diagnostics: [], pruned: [] };
  const meant = misspelledKeys(raw.data, result.error.issues);
  const diagnostics = result.error.issues
    .filter(
      (issue) =>
        !(
          issue.code === "invalid_type" &&
          meant.has(issue.path.join("\u0000")) &&
          valueAt(raw.data, issue.path as Path) === undefined
        ),
    )
    .flatMap((issue) => toDiagnostics(issue, [], raw));
  let issues = result.error.issues;
  let data: unknown = raw.data;
  const pruned: Path[] = [];
  for (let round = 0; round < REPAIR_ROUNDS; round++) {
    const repaired = repair(data, issues);
    if (!repaired) break;
    pruned.push(...repaired.pruned);
    data = repaired.data;
    const retry = SpecSchema.safeParse(data);
    if (retry.success) return { spec: retry.data, diagnostics, pruned };
    issues = retry.error.issues;
  }
  return { diagnostics, pruned };
}

/** Paths of required keys that are missing only because they were misspelled (the unknown-key diagnostic says so). */
function misspelledKeys(data: unknown, issues: readonly Issue[]): Set<string> {
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = issue.path as Path;
    const target = valueAt(data, path) as Record<string, unknown>;
    for (const key of issue.keys) {
      const suggestion = closest(key, keysAt(path, target));
      if (suggestion !== undefined && !(suggestion in target)) meant.add([...path, suggestion].join("\u0000"));
    }
  }
  return meant;
}

function toDiagnostics(issue: Issue, base: Path, raw: RawSpec): Diagnostic[] {
  const path = [...base, ...(issue.path as PropertyKey[]).map((p) => (typeof p === "number" ? p : String(p)))];
  const where = describePath(path);
  const value = valueAt(raw.data, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = keysAt(path, value);
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, allowed);
        return diagnostic("unknownKey", {
          loc: raw.locate([...path, key], "key"),
          message: `unknown key \`${key}\` in ${where}`,
          hint: suggestion ?? `expected one of ${listNames(allowed, 12)}`,
        });
      });
    }
    case "invalid_type":
      return [typeDiagnostic(issue.expected, path, value, raw)];
    case "invalid_value":
      return [valueDiagnostic(issue.values, path, value, raw)];
    case "invalid_format": {
      const rule = (issue.format === "regex" && PATTERN_RULES.get(String(issue.pattern))) || "invalidFormat";
      return [diagnostic(rule, { loc: raw.locate(path), message: `${where} is ${show(value)}: ${issue.message}` })];
    }
    case "too_small":
    case "too_big":
      return [rangeDiagnostic(issue, path, value, raw)];
    case "invalid_key":
      return issue.issues.flatMap((inner) => keyDiagnostics(inner, path, raw));
    case "invalid_union":
      return unionDiagnostics(issue, path, value, raw);
    default:
      return [diagnostic("invalidFormat", { loc: raw.locate(path), message: `${where}: ${issue.message}` })];
  }
}

function keyDiagnostics(inner: Issue, path: Path, raw: RawSpec): Diagnostic[] {
  const key = String(path[path.length - 1]);
  const parent = describePath(path.slice(0, -1));
  const rule = (inner.code === "invalid_format" && PATTERN_RULES.get(String(inner.pattern))) || "invalidName";
  return [
    diagnostic(rule, {
      loc: raw.locate(path, "key"),
      message: `name \`${key}\` in ${parent} is not valid: ${inner.message}`,
    }),
  ];
}

function unionDiagnostics(
  issue: Extract<Issue, { code: "invalid_union" }>,
  path: Path,
  value: unknown,
  raw: RawSpec,
): Diagnostic[] {
  const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
  if (discriminator !== undefined) {
    const allowed = (options ?? discriminatorValues(path.slice(0, -1), discriminator)).map(String);
    if (value === undefined) return [missing(path.slice(0, -1), discriminator, raw, `one of ${listNames(allowed)}`)];
    return [valueDiagnostic(allowed, path, value, raw)];
  }
  const branches = issue.errors.filter(
    (branch) => !branch.some((i) => i.path.length === 0 && i.code === "invalid_type"),
  );
  const chosen = branches.find((b) => !b.some((i) => i.path.length === 0 && i.code === "invalid_union")) ?? branches[0];
  if (chosen) return chosen.flatMap((inner) => toDiagnostics(inner, path, raw));
  const expected = [...new Set(issue.errors.flatMap((b) => b.flatMap((i) => expectedOf(i))))];
  return [typeDiagnostic(expected.join(" or "), path, value, raw)];
}

function expectedOf(issue: Issue): string[] {
  if (issue.code === "invalid_type" && issue.path.length === 0) return [issue.expected];
  if (issue.code === "invalid_union") return issue.errors.flatMap((b) => b.flatMap(expectedOf));
  return [];
}

const TYPE_WORDS: Record<string, string> = {
  record: "a mapping",
  object: "a mapping",
  array: "a list",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  null: "nothing (null)",
};

function typeDiagnostic(expected: string, path: Path, value: unknown, raw: RawSpec): Diagnostic {
  if (value === undefined && path.length > 0) {
    return missing(path.slice(0, -1), String(path[path.length - 1]), raw, words(expected));
  }
  return diagnostic("wrongType", {
    loc: raw.locate(path, value === null ? "key" : "value"),
    message: `${describePath(path)} must be ${words(expected)}, found ${kindOf(value)}`,
    hint: Array.isArray(value) && expected === "string" ? "write a single value, not a list" : undefined,
  });
}

function words(expected: string): string {
  return expected
    .split(" or ")
    .map((e) => TYPE_WORDS[e] ?? e)
    .filter((w, i, all) => all.indexOf(w) === i)
    .join(" or ");
}

function missing(parent: Path, key: string, raw: RawSpec, expected: string): Diagnostic {
  const rule = parent.length === 0 && key === "archkit" ? "unsupportedVersion" : "missingKey";
  return diagnostic(rule, {
    loc: raw.locate(parent, "key"),
    message: `${describePath(parent)} is missing the required key \`${key}\``,
    hint:
      rule === "unsupportedVersion"
        ? "add `archkit: 1` as the first line of the spec"
        : `add \`${key}:\` (${expected})`,
  });
}

function valueDiagnostic(values: readonly unknown[], path: Path, value: unknown, raw: RawSpec): Diagnostic {
  const names = values.map(String);
  if (path.length === 1 && path[0] === "archkit") {
    if (value === undefined) return missing([], "archkit", raw, "1");
    return diagnostic("unsupportedVersion", {
      loc: raw.locate(path),
      message: `unsupported spec version ${show(value)}; this archkit reads version 1`,
      hint: "set `archkit: 1`",
    });
  }
  return diagnostic("invalidValue", {
    loc: raw.locate(path),
    message: `${describePath(path)} is ${show(value)}; expected one of ${listNames(names, 20)}`,
    hint: typeof value === "string" ? didYouMean(value, names) : undefined,
  });
}

function rangeDiagnostic(
  issue: Extract<Issue, { code: "too_small" | "too_big" }>,
  path: Path,
  value: unknown,
  raw: RawSpec,
): Diagnostic {
  const bound = issue.code === "too_small" ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
  const what = Array.isArray(value) ? `must have ${bound} item(s)` : `must be ${bound}`;
  return diagnostic("invalidNumber", {
    loc: raw.locate(path),
    message: `${describePath(path)} ${what}, found ${show(value)}`,
  });
}

export function describePath(path: Path): string {
  if (path.length === 0) return "the spec";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function show(value: unknown): string {
  if (typeof value === "string") return `"${value}"`;
  if (value === undefined) return "missing";
  if (value === null || typeof value !== "object") return String(value);
  return kindOf(value);
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `text "${value}"`;
  return `${typeof value} ${String(value)}`;
}
