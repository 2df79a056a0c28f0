import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Where `archkit dev` keeps its PGlite template in a project. */
export function pgliteTemplatePath(projectDir: string): string {
  return join(projectDir, "node_modules", ".cache", "archkit", `pglite-${pgliteVersion()}.tar`);
}

/** The installed PGlite's version (its package.json is not exported, so it is found beside the entry point). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The path of a fresh PGlite cluster's data directory, archived, that every `pglite://memory`
 * service database of `archkit dev` starts from (`ARCHKIT_PGLITE_TEMPLATE`), so a service skips
 * initdb. Made once per PGlite version (about 2 s) under `node_modules/.cache/archkit/`; later
 * runs reuse it.
 *
 * @example
 * const template = await pgliteTemplate("examples/shop"); // ".../node_modules/.cache/archkit/pglite-0.5.16.tar"
 */
export async function pgliteTemplate(projectDir: string): Promise<string> {
  const path = pgliteTemplatePath(projectDir);
  if ((await stat(path).catch(() => undefined))?.isFile()) return path;
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create();
  try {
    const archive = await pglite.dumpDataDir("none");
    await mkdir(join(path, ".."), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await archive.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await pglite.close();
  }
  return path;
}
