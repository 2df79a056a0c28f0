/**
 * A database error caused by the values a request sent rather than by the service: what the
 * caller is told, and the offending value when the database names it.
 */
export interface DatabaseInputError {
  readonly kind: "invalid-value" | "too-large" | "conflict";
  /** The SQLSTATE code, e.g. `22003`. */
  readonly code: string;
  /** The database's own message, e.g. `value "3000000000" is out of range for type integer`. */
  readonly message: string;
  /** The value between quotes in the message, when it names one. */
  readonly value?: string;
  /** The column, when the database names it. */
  readonly column?: string;
}

/** SQLSTATE class 22 (data exception) and 54000 (program limit exceeded, e.g. an index row too large). */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;
const PROGRAM_LIMIT = "54000";
const UNIQUE_VIOLATION = "23505";
const QUOTED_VALUE = /(?:value|syntax for type \w+(?: \w+)?:) "((?:[^"]|"")*)"/;

/**
 * Recognises errors of PostgreSQL (pg and PGlite alike) that bad input causes: invalid byte
 * sequences, numbers out of a column's range, malformed uuids or dates, values too long for a
 * column or an index, a duplicate key. Anything else is the service's own failure: undefined.
 *
 * @example
 * classifyDatabaseError(error) // { kind: "invalid-value", code: "22003", message: 'value "3000000000" is out of range for type integer', value: "3000000000" }
 */
export function classifyDatabaseError(error: unknown): DatabaseInputError | undefined {
  const { code, message, column } = fieldsOf(error);
  if (code === undefined || message === undefined) return undefined;
  const kind = kindOf(code);
  if (kind === undefined) return undefined;
  const value = QUOTED_VALUE.exec(message)?.[1]?.replaceAll('""', '"');
  return {
    kind,
    code,
    message,
    ...(value === undefined ? {} : { value }),
    ...(column === undefined ? {} : { column }),
  };
}

function kindOf(code: string): DatabaseInputError["kind"] | undefined {
  if (DATA_EXCEPTION.test(code)) return "invalid-value";
  if (code === PROGRAM_LIMIT) return "too-large";
  if (code === UNIQUE_VIOLATION) return "conflict";
  return undefined;
}

/** pg's and PGlite's errors carry `code` (SQLSTATE), `severity` and sometimes `column`. */
function fieldsOf(error: unknown): { code?: string; message?: string; column?: string } {
  if (!(error instanceof Error)) return {};
  const e = error as Error & { code?: unknown; severity?: unknown; column?: unknown };
  if (typeof e.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code) || typeof e.severity !== "string") return {};
  return { code: e.code, message: e.message, ...(typeof e.column === "string" ? { column: e.column } : {}) };
}
