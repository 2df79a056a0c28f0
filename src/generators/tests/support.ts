import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

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
  cached ??= readdirSync(SUPPORT_DIR, { encoding: "utf8" })
    .filter((path) => path.endsWith(".ts"))
    .sort()
    .map((path) => ({ path, text: readFileSync(`${SUPPORT_DIR}${path}`, "utf8") }));
  return cached;
}
