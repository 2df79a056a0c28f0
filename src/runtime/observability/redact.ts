import { pino } from "pino";

/** What a redacted value reads as in a log line. */
export const REDACTED = "[redacted]";

/**
 * Keys whose values never reach a log line, matched anywhere in a key once it is lower-cased and
 * stripped of everything but letters and digits: `passwordHash`, `x-api-key`, `set-cookie`,
 * `refresh_token` and `customerEmail` all match.
 */
export const SENSITIVE_KEY_PATTERNS: readonly string[] = [
  "password",
  "passwd",
  "secret",
  "token",
  "authorization",
  "cookie",
  "email",
  "apikey",
  "privatekey",
];

const MAX_DEPTH = 10;
const SQL_KEYS = ["sql", "query", "text"] as const;
const PARAMETER_KEYS = ["parameters", "params", "values"] as const;
/** The value PostgreSQL quotes in an error's `detail`: `Key (email)=(a@example.com) already exists.` */
const KEY_DETAIL = /\(([^()]+)\)=\(((?:[^()]|\([^()]*\))*)\)/g;

/** Redacts one log object; returns a copy when something changed. */
export type Redactor = (value: Record<string, unknown>) => Record<string, unknown>;

const normalized = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * A redactor for every log line: values under a sensitive key (the built-in patterns, plus the
 * `extraKeys` the spec marks sensitive, matched exactly) at any depth, errors included; SQL
 * parameters whose column is sensitive or cannot be told from the statement; the values in a
 * PostgreSQL `Key (column)=(value)` detail when the column is sensitive.
 *
 * @example
 * const redact = createRedactor(["shippingAddress", "shipping_address"]);
 * redact({ user: { email: "a@example.com" } }) // { user: { email: "[redacted]" } }
 */
export function createRedactor(extraKeys: readonly string[] = []): Redactor {
  const extra = new Set(extraKeys.map(normalized));
  const sensitive = (key: string): boolean => {
    const k = normalized(key);
    return extra.has(k) || SENSITIVE_KEY_PATTERNS.some((p) => k.includes(p));
  };
  const visit = (value: unknown, depth: number): unknown => {
    if (value instanceof Error) return visit(pino.stdSerializers.err(value), depth);
    if (typeof value === "string") return redactDetail(value, sensitive);
    if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) return value.map((v) => visit(v, depth + 1));
    const record = value as Record<string, unknown>;
    const statement = sqlOf(record);
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) {
      if (sensitive(key)) out[key] = REDACTED;
      else if (statement !== undefined && isParameterKey(key) && Array.isArray(child))
        out[key] = redactParameters(statement, child, sensitive);
      else out[key] = visit(child, depth + 1);
    }
    return out;
  };
  return (value) => visit(value, 0) as Record<string, unknown>;
}

function sqlOf(record: Record<string, unknown>): string | undefined {
  for (const key of SQL_KEYS) {
    const value = record[key];
    if (typeof value === "string") return value;
    if (value !== null && typeof value === "object" && typeof (value as { sql?: unknown }).sql === "string")
      return (value as { sql: string }).sql;
  }
  return undefined;
}

function isParameterKey(key: string): boolean {
  return (PARAMETER_KEYS as readonly string[]).includes(key);
}

/**
 * Each `$n` of a statement with the column it is compared with or inserted into; parameters
 * without a column, or whose column is sensitive, are redacted.
 */
function redactParameters(statement: string, parameters: readonly unknown[], sensitive: (key: string) => boolean) {
  const columns = parameterColumns(statement);
  return parameters.map((value, i) => {
    const column = columns.get(i + 1);
    return column === undefined || sensitive(column) ? REDACTED : value;
  });
}

const IDENT = String.raw`"?([A-Za-z_][\w]*)"?`;
const COMPARED = new RegExp(String.raw`${IDENT}\s*(?:=|<>|!=|<=|>=|<|>|\bin\s*\(|\blike\b|\bilike\b)\s*\$(\d+)`, "gi");
const INSERT = /insert\s+into\s+[^(]+\(([^)]*)\)\s*values\s*((?:\([^)]*\)\s*,?\s*)+)/gi;

function parameterColumns(statement: string): Map<number, string> {
  const columns = new Map<number, string>();
  for (const match of statement.matchAll(COMPARED)) columns.set(Number(match[2]), match[1]!);
  for (const match of statement.matchAll(INSERT)) {
    const names = match[1]!.split(",").map((c) => c.trim().replace(/^"|"$/g, ""));
    for (const row of match[2]!.matchAll(/\(([^)]*)\)/g)) {
      row[1]!.split(",").forEach((slot, i) => {
        const n = /^\s*\$(\d+)/.exec(slot)?.[1];
        if (n !== undefined && names[i] !== undefined) columns.set(Number(n), names[i]!);
      });
    }
  }
  return columns;
}

function redactDetail(text: string, sensitive: (key: string) => boolean): string {
  if (!text.includes(")=(")) return text;
  return text.replace(KEY_DETAIL, (whole, columns: string, _values: string) =>
    columns.split(",").some((c) => sensitive(c.trim().replace(/^"|"$/g, ""))) ? `(${columns})=(${REDACTED})` : whole,
  );
}
