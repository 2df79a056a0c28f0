import { fileURLToPath } from "node:url";
import { compileFile, computeModel, type Model } from "../../../src/model/index.js";
import type { FileSet } from "../../../src/generators/fileset.js";
import { generateDocs } from "../../../src/generators/docs/index.js";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const HERE = fileURLToPath(new URL("./", import.meta.url));
export const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** The specs every docs test runs on: the shop, a small spec with hostile characters, and the smallest spec. */
export const SPECS = {
  shop: `${ROOT}architecture.yaml`,
  library: `${HERE}fixtures/library.yaml`,
  minimal: `${HERE}fixtures/minimal.yaml`,
} as const;

export type SpecName = keyof typeof SPECS;
export const SPEC_NAMES = Object.keys(SPECS) as SpecName[];

const models = new Map<string, Promise<Model>>();

export function model(name: SpecName): Promise<Model> {
  let cached = models.get(name);
  if (!cached) {
    cached = compileFile(SPECS[name]).then((r) => {
      if (!r.ok || !r.model)
        throw new Error(`${name} does not compile: ${r.diagnostics.map((d) => d.message).join("; ")}`);
      return r.model;
    });
    models.set(name, cached);
  }
  return cached;
}

/** Everything the generator can write, reStructuredText included. */
export async function docs(name: SpecName): Promise<FileSet> {
  return generateDocs(computeModel(await model(name)), { rst: true });
}

/** A file's text by path, failing the test when the generator did not write it. */
export function fileText(set: FileSet, path: string): string {
  const file = set.files.find((f) => f.path === path);
  if (!file) throw new Error(`not generated: ${path}`);
  return file.content;
}

/** Whether a test that needs an external program runs: skipped locally when the program is missing, never in CI. */
export function skipReason(missing: string | undefined): string | undefined {
  return missing !== undefined && process.env.CI !== "true" ? missing : undefined;
}
