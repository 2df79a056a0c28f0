import { createHash } from "node:crypto";
import { unreachable } from "../../model/errors.js";

/** PostgreSQL truncates longer identifiers; names built here stay within it. */
const MAX_IDENTIFIER = 63;

/** Column types of the spec that are spelled differently in SQL. */
const SQL_TYPES: Readonly<Record<string, string>> = { double: "double precision" };

/** Defaults that are SQL keywords rather than literals. */
const KEYWORD_DEFAULTS = new Set(["current_timestamp", "current_date", "current_time", "localtimestamp", "localtime"]);

/** A function call without arguments, such as `now()` or `gen_random_uuid()`. */
const CALL_DEFAULT = /^[a-z_][a-z0-9_]*\(\)$/i;

/**
 * A double-quoted SQL identifier; case is kept, so `orderItems` stays `orderItems`.
 *
 * @example
 * quoteIdent("orderItems"); // "\"orderItems\""
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A single-quoted SQL string literal.
 *
 * @example
 * quoteLiteral("it's"); // "'it''s'"
 */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlType(type: string): string {
  return SQL_TYPES[type] ?? type;
}

/**
 * A column default as SQL: `now()`, `gen_random_uuid()` and the `current_*` keywords are
 * expressions, numbers and booleans literals, any other string a quoted literal.
 *
 * @example
 * defaultSql("now()");   // "now()"
 * defaultSql(0);         // "0"
 * defaultSql("pending"); // "'pending'"
 */
export function defaultSql(value: string | number | boolean): string {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? String(value) : quoteLiteral(String(value));
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return CALL_DEFAULT.test(value.trim()) || KEYWORD_DEFAULTS.has(value.trim().toLowerCase())
        ? value.trim()
        : quoteLiteral(value);
    default: {
      return unreachable(value);
    }
  }
}

/**
 * `<table>_<parts>_<suffix>`, shortened with a hash when it would exceed PostgreSQL's identifier length.
 *
 * @example
 * constraintName("orders", ["customerId"], "idx"); // "orders_customerId_idx"
 */
export function constraintName(table: string, parts: readonly string[], suffix: string): string {
  const full = [table, ...parts, suffix].join("_");
  if (Buffer.byteLength(full) <= MAX_IDENTIFIER) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  const room = MAX_IDENTIFIER - hash.length - suffix.length - 2;
  return `${Buffer.from(full)
    .subarray(0, room)
    .toString("utf8")
    .replace(/\uFFFD$/, "")}_${hash}_${suffix}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
