import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import type * as TS from "typescript";

/** One TypeScript error: where (relative to the project) and what. */
export interface TypecheckError {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** TypeScript's number for it, e.g. 2322. */
  readonly code: number;
  readonly message: string;
}

type Ts = typeof TS;

/** The TypeScript module at `path`: `typescript` itself, or a package that bundles it as `ts`. */
export function loadTypescript(path: string): Ts {
  const loaded = createRequire(import.meta.url)(path) as Ts | { ts: Ts };
  return "createProgram" in loaded ? loaded : loaded.ts;
}

/**
 * Type-checks the project at `projectDir` (its `tsconfig.json`, `noEmit`) each time the returned
 * function is called, incrementally: files whose modification time did not change are not read
 * again, and only changed files and those depending on them are checked again.
 *
 * @example
 * const check = typeChecker(loadTypescript("typescript"), "examples/shop");
 * for (const error of check()) console.log(`${error.file}:${error.line}: ${error.message}`);
 */
export function typeChecker(ts: Ts, projectDir: string): () => readonly TypecheckError[] {
  const parsedFiles = new Map<string, { readonly time: number; readonly file: TS.SourceFile }>();
  let previous: TS.EmitAndSemanticDiagnosticsBuilderProgram | undefined;
  return () => {
    const config = readConfig(ts, projectDir);
    if (config.kind === "unusable") return config.errors;
    const options: TS.CompilerOptions = { ...config.options, noEmit: true, ...typeRoots(projectDir, config.options) };
    const host = ts.createIncrementalCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, onError, create) => {
      const time = ts.sys.getModifiedTime?.(name)?.getTime() ?? Number.NaN;
      const known = parsedFiles.get(name);
      if (known && known.time === time) return known.file;
      const file = read(name, language, onError, create);
      if (file) parsedFiles.set(name, { time, file });
      return file;
    };
    previous = ts.createEmitAndSemanticDiagnosticsBuilderProgram(
      config.fileNames,
      options,
      host,
      previous,
      config.errors,
    );
    const diagnostics = [
      ...previous.getConfigFileParsingDiagnostics(),
      ...previous.getOptionsDiagnostics(),
      ...previous.getGlobalDiagnostics(),
      ...previous.getSyntacticDiagnostics(),
      ...previous.getSemanticDiagnostics(),
    ];
    return diagnostics
      .filter((d) => d.category === ts.DiagnosticCategory.Error)
      .map((d) => typeError(ts, projectDir, d));
  };
}

function readConfig(
  ts: Ts,
  projectDir: string,
):
  | { kind: "parsed"; fileNames: string[]; options: TS.CompilerOptions; errors: readonly TS.Diagnostic[] }
  | { kind: "unusable"; errors: TypecheckError[] } {
  const file = join(projectDir, "tsconfig.json");
  if (!existsSync(file))
    return {
      kind: "unusable",
      errors: [{ code: 0, message: "the project has no tsconfig.json; run `archkit generate`" }],
    };
  const unrecoverable: TS.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => unrecoverable.push(d) },
  );
  if (!parsed) return { kind: "unusable", errors: unrecoverable.map((d) => typeError(ts, projectDir, d)) };
  return { kind: "parsed", fileNames: parsed.fileNames, options: parsed.options, errors: parsed.errors };
}

/**
 * Type libraries the tsconfig names (`"types": ["node"]`) that the project has not installed yet
 * (no `npm install` so far) are taken from archkit's own, beside the project's.
 */
function typeRoots(projectDir: string, options: TS.CompilerOptions): Pick<TS.CompilerOptions, "typeRoots"> {
  if (options.typeRoots !== undefined) return {};
  const own = ancestors(projectDir).map((dir) => join(dir, "node_modules", "@types"));
  const missing = (options.types ?? []).filter((name) => !own.some((root) => existsSync(join(root, name))));
  const require = createRequire(import.meta.url);
  const borrowed = missing.flatMap((name) => {
    try {
      return [dirname(dirname(require.resolve(`@types/${name}/package.json`)))];
    } catch {
      return [];
    }
  });
  return borrowed.length === 0 ? {} : { typeRoots: [...own.filter((root) => existsSync(root)), ...new Set(borrowed)] };
}

function ancestors(dir: string): string[] {
  const parent = dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent)];
}

function typeError(ts: Ts, projectDir: string, diagnostic: TS.Diagnostic): TypecheckError {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file || diagnostic.start === undefined) return { code: diagnostic.code, message };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return {
    file: relative(projectDir, diagnostic.file.fileName),
    line: line + 1,
    column: character + 1,
    code: diagnostic.code,
    message,
  };
}
