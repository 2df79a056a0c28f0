import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ProgramFile } from "./loader.js";

/**
 * TypeScript sources to CommonJS JavaScript (`index.ts` -> `index.js`), without a type check, as
 * Pulumi runs a TypeScript program. TypeScript is large to load, so from the built CLI this runs
 * in a worker thread while the main thread compiles the spec and loads the Pulumi SDK.
 */
export async function transpileProgram(sources: readonly ProgramFile[]): Promise<ProgramFile[]> {
  const worker = new URL("./transpile-worker.js", import.meta.url);
  if (!import.meta.url.endsWith(".js") || !existsSync(fileURLToPath(worker))) return transpileInThread(sources);
  return inWorker(worker, sources).catch(() => transpileInThread(sources));
}

/** TypeScript's transpiler comes from ts-morph, which archkit depends on. */
export async function transpileInThread(sources: readonly ProgramFile[]): Promise<ProgramFile[]> {
  const { ts } = await import("ts-morph");
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2020,
    esModuleInterop: true,
    resolveJsonModule: true,
  };
  return sources.map((source) => ({
    path: source.path.replace(/\.ts$/, ".js"),
    text: ts.transpileModule(source.text, { compilerOptions, fileName: source.path, reportDiagnostics: false })
      .outputText,
  }));
}

function inWorker(url: URL, sources: readonly ProgramFile[]): Promise<ProgramFile[]> {
  return new Promise((resolve, reject) => {
    // Flags for the main script (such as --input-type) do not suit the worker's module.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith("--input-type"));
    const worker = new Worker(url, { workerData: sources, execArgv });
    worker.once("message", (files: ProgramFile[]) => resolve(files));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the transpiler worker exited with code ${code}`));
    });
  });
}
