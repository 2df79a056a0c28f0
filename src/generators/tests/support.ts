import { fileURLToPath } from "node:url";
import { typeScriptSources } from "../infra/templates.js";

/** templates/tests/ of the package, from src/ and dist/ alike. */
export const SUPPORT_DIR = fileURLToPath(new URL("../../../templates/tests/support/", import.meta.url));

export interface SupportSource {
  /** Path inside `test/contracts/support/`. */
  readonly path: string;
  readonly text: string;
}

let cached: readonly SupportSource[] | undefined;

/**
 * The contract tests' shared helpers, the same for every spec (they read the model at run time).
 * Read once from the package's templates; they ship with archkit, so reading them is not user I/O.
 */
export function supportSources(): readonly SupportSource[] {
  cached ??= typeScriptSources(SUPPORT_DIR, { recursive: false });
  return cached;
}
