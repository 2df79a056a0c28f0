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
  cached ??= typeScriptSources(TEMPLATE_DIR, { recursive: true });
  return cached;
}

/**
 * The `.ts` files of a folder of the package's templates (`dir` ends in a slash), in its subfolders
 * too when `recursive`: paths relative to it with POSIX separators, in code-unit order, with their text.
 */
export function typeScriptSources(dir: string, options: { readonly recursive: boolean }): ProgramSource[] {
  return readdirSync(dir, { recursive: options.recursive, encoding: "utf8" })
    .map((path) => path.split("\\").join("/"))
    .filter((path) => path.endsWith(".ts"))
    .sort(byText)
    .map((path) => ({ path, text: readFileSync(`${dir}${path}`, "utf8") }));
}
