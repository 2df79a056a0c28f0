import { fileURLToPath } from "node:url";
import { ArchkitError } from "../model/errors.js";

/** Where the CLI writes; tests pass their own. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly color: boolean;
  readonly cwd: string;
}

export function processIo(): Io {
  const color = !process.env.NO_COLOR && (Boolean(process.env.FORCE_COLOR) || process.stdout.isTTY === true);
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    color,
    cwd: process.cwd(),
  };
}

/** The package root (holds architecture.yaml, schema/ and templates/), from src/cli or dist/cli alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const DEFAULT_SPEC = "architecture.yaml";

/** A user's mistake on the command line or in the project: reported in one line, exit code 1. */
export class UserError extends ArchkitError {
  override readonly name = "UserError";
  constructor(message: string, hint?: string) {
    super(message, { code: "user-error", hint });
  }
}
