import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { byText } from "./names.js";

/** The folder of the Pulumi program's TypeScript sources, from src/ and dist/ alike. */
export const TEMPLATE_DIR = fileURLToPath(new URL("../../../templates/infra/", import.meta.url));

export interface ProgramSource {
  /** Path inside `infra/`, POSIX separators: `index.ts`, `lib/network.ts`. */
  readonly path: string;
  readonly text: string;
}

let cached: readonly ProgramSource[] | undefined;

/**
 * The program's sources, the same for every spec (the spec arrives as architecture.json). Read
 * once from the package's templates; they ship with archkit, so reading them is not user I/O.
 */
export function programSources(): readonly ProgramSource[] {
  cached ??= readdirSync(TEMPLATE_DIR, { recursive: true, encoding: "utf8" })
    .map((path) => path.split("\\").join("/"))
    .filter((path) => path.endsWith(".ts"))
    .sort(byText)
    .map((path) => ({ path, text: readFileSync(`${TEMPLATE_DIR}${path}`, "utf8") }));
  return cached;
}
