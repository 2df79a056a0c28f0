/** `1`: the user's mistake (input, spec, configuration, code) or a failed check. `2`: archkit or its environment failed. */
export type ExitCode = 1 | 2;

export interface ArchkitErrorOptions {
  /** What to do about it, one line. */
  readonly hint?: string;
  readonly exitCode?: ExitCode;
  readonly cause?: unknown;
}

/**
 * The base of every error archkit throws on purpose: a stable `code`, a message meant for the
 * user as it is, an optional hint, and the exit code the CLI ends with. A subclass sets its own
 * `code` (and `exitCode` when it is not the user's mistake).
 *
 * @example
 * throw new ArchkitError("no environment named staging", { code: "unknown-environment", hint: "choose one of dev, production" });
 */
export class ArchkitError extends Error {
  override name = "ArchkitError";
  readonly code: string;
  readonly hint?: string;
  readonly exitCode: ExitCode;

  constructor(message: string, options: ArchkitErrorOptions & { readonly code?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? "archkit-error";
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/**
 * Whether a thrown value is an `ArchkitError`, also when it comes from another copy of archkit
 * (a generated project's own `node_modules`).
 *
 * @example
 * if (isArchkitError(error)) process.exitCode = error.exitCode;
 */
export function isArchkitError(error: unknown): error is ArchkitError {
  if (error instanceof ArchkitError) return true;
  const candidate = error as Partial<ArchkitError> | null;
  return (
    error instanceof Error &&
    candidate !== null &&
    typeof candidate.code === "string" &&
    (candidate.exitCode === 1 || candidate.exitCode === 2)
  );
}

/**
 * The end of an exhaustive `switch`: a new member of the union makes the call a type error, and a
 * value that slips past the types at run time is an internal error (exit 2).
 *
 * @example
 * default: return unreachable(store);
 */
export function unreachable(value: never): never {
  throw new ArchkitError(`unexpected value ${JSON.stringify(value)}`, { code: "unreachable", exitCode: 2 });
}
