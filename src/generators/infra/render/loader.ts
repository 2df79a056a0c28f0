import { builtinModules, createRequire } from "node:module";
import { posix } from "node:path";
import { compileFunction } from "node:vm";

/** A file of the program, its path relative to `infra/`: JavaScript (`.js`, transpiled) or JSON. */
export interface ProgramFile {
  readonly path: string;
  readonly text: string;
}

interface Module {
  exports: unknown;
}

const nodeRequire = createRequire(import.meta.url);
const BUILTINS = new Set(builtinModules);

/**
 * Run a CommonJS program held in memory, as Pulumi's Node.js host runs `index.ts`: relative
 * imports resolve among `files` (`.js`, `/index.js`, `.json`), `packages` answer bare imports
 * (the Pulumi SDK), Node's built-in modules are themselves. Returns the entry's exports.
 */
export function runProgram(
  files: readonly ProgramFile[],
  entry: string,
  packages: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const sources = new Map(files.map((f) => [f.path, f.text]));
  const cache = new Map<string, Module>();

  const load = (path: string): unknown => {
    const cached = cache.get(path);
    if (cached) return cached.exports;
    const text = sources.get(path);
    if (text === undefined) throw new Error(`the program has no file ${path}`);
    const module: Module = { exports: {} };
    cache.set(path, module);
    if (path.endsWith(".json")) {
      module.exports = JSON.parse(text);
      return module.exports;
    }
    const filename = `/archkit-infra/${path}`;
    const run = compileFunction(text, ["exports", "require", "module", "__filename", "__dirname"], { filename });
    run(module.exports, (specifier: string) => requireFrom(path, specifier), module, filename, posix.dirname(filename));
    return module.exports;
  };

  const requireFrom = (from: string, specifier: string): unknown => {
    if (specifier in packages) return packages[specifier];
    if (BUILTINS.has(specifier) || specifier.startsWith("node:")) return nodeRequire(specifier);
    if (!specifier.startsWith("."))
      throw new Error(`${from} imports ${specifier}, which the infra program does not depend on`);
    const base = posix.normalize(posix.join(posix.dirname(from), specifier));
    const path = [base, `${base}.js`, `${base}/index.js`].find((candidate) => sources.has(candidate));
    if (path === undefined) throw new Error(`${from} imports ${specifier}, which is not a file of the program`);
    return load(path);
  };

  return load(entry) as Record<string, unknown>;
}
