import { ArchkitError } from "../../model/errors.js";
/**
 * `DATABASE_URL` parsing: the scheme picks the dialect. A URL the runtime cannot use is the
 * user's mistake, so it becomes a one-line `DatabaseUrlError` that names the variable, the
 * (password-masked) value and the accepted forms.
 */

export type DatabaseTarget =
  | { readonly kind: "postgres"; readonly url: string }
  | { readonly kind: "pglite"; readonly dataDir?: string };

/** The embedded default when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_URL = "pglite://memory";

const ACCEPTED = "postgres://user:password@host:5432/db, postgresql://..., pglite://memory or pglite://<directory>";

/** A `DATABASE_URL` the runtime cannot open; the message is meant for the user as is. */
export class DatabaseUrlError extends ArchkitError {
  override readonly name = "DatabaseUrlError";
  override readonly code = "database-url";
  constructor(message: string) {
    super(message);
  }
}

/**
 * `DATABASE_URL` from the environment, or the embedded default `pglite://memory`.
 *
 * @example
 * const handle = await openDatabase(databaseUrlFromEnv(process.env));
 */
export function databaseUrlFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

/**
 * Hides the password of a connection URL so it can appear in messages and logs.
 *
 * @example
 * maskUrl("postgres://app:s3cret@db/orders"); // "postgres://app:***@db/orders"
 */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

/**
 * Reads a database URL into the dialect and its connection target.
 *
 * @example
 * parseDatabaseUrl("pglite://memory");                  // { kind: "pglite" }
 * parseDatabaseUrl("pglite://./data/orders");           // { kind: "pglite", dataDir: "./data/orders" }
 * parseDatabaseUrl("postgres://app@db:5432/orders");    // { kind: "postgres", url: "postgres://app@db:5432/orders" }
 */
export function parseDatabaseUrl(url: string, variable = "DATABASE_URL"): DatabaseTarget {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (trimmed === "") throw new DatabaseUrlError(`${variable} is empty; expected ${ACCEPTED}`);
  if (scheme === "postgres" || scheme === "postgresql") return postgresTarget(trimmed, variable);
  if (scheme === "pglite") return pgliteTarget(trimmed.slice("pglite://".length));
  const what = scheme ? `scheme "${scheme}://" is not supported` : "is not a URL";
  throw new DatabaseUrlError(`${variable} "${maskUrl(trimmed)}" ${what}; expected ${ACCEPTED}`);
}

function postgresTarget(url: string, variable: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(`${variable} "${maskUrl(url)}" is not a valid URL; expected ${ACCEPTED}`);
  }
  if (parsed.hostname === "" && !parsed.searchParams.has("host")) {
    throw new DatabaseUrlError(`${variable} "${maskUrl(url)}" names no host; expected ${ACCEPTED}`);
  }
  return { kind: "postgres", url };
}

function pgliteTarget(rest: string): DatabaseTarget {
  if (rest === "" || rest === "memory" || rest === "memory/") return { kind: "pglite" };
  return { kind: "pglite", dataDir: decodeURIComponent(rest) };
}
