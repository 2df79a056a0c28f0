import { readFile, readlink } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";

/** Where the `archkit` dependency of a new package.json comes from, and why. */
export type ArchkitSource =
  | { readonly kind: "installed"; readonly spec: string }
  | { readonly kind: "path"; readonly spec: string }
  | { readonly kind: "registry"; readonly spec: string };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The `archkit` dependency a project without a package.json should get: how its lockfile
 * resolved `archkit` (a tarball, `file:`), else its `node_modules/archkit` link, else the tarball
 * or folder `npx <tarball>` ran archkit from, else this archkit's folder when it runs from a
 * checkout, else `^<version>` from the registry.
 *
 * @example
 * await archkitSource("/work/my-shop", "/work/archkit", "0.1.0") // { kind: "path", spec: "file:../archkit" }
 */
export async function archkitSource(
  project: string,
  archkitRoot: string,
  version: string,
  env: Env = process.env,
): Promise<ArchkitSource> {
  const locked = await lockedSpec(project);
  if (locked !== undefined) return { kind: "installed", spec: locked };
  const ran = npxPackage(env);
  if (ran !== undefined) return { kind: "path", spec: `file:${posix(relative(project, ran))}` };
  const modules = join(project, "node_modules");
  const link = await readlink(join(modules, "archkit")).catch(() => undefined);
  if (link !== undefined) return { kind: "path", spec: `file:${posix(relative(project, resolve(modules, link)))}` };
  if (!archkitRoot.split(sep).includes("node_modules"))
    return { kind: "path", spec: `file:${posix(relative(project, archkitRoot)) || "."}` };
  return { kind: "registry", spec: `^${version}` };
}

/** The tarball or folder of `npx <path>` (npm passes the package it ran as npm_config_package). */
function npxPackage(env: Env): string | undefined {
  if (env.npm_command !== "exec" || !env.npm_config_package) return undefined;
  const base = env.INIT_CWD ?? process.cwd();
  return env.npm_config_package
    .split(/[\n,]/)
    .map((entry) => entry.trim().replace(/^file:/, ""))
    .filter((entry) => /^(\.{1,2}\/|\/)/.test(entry) || entry.endsWith(".tgz"))
    .map((entry) => resolve(base, entry))
    .find((entry) => /archkit/.test(entry));
}

async function lockedSpec(project: string): Promise<string | undefined> {
  const text = await readFile(join(project, "package-lock.json"), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const lock = JSON.parse(text) as { packages?: Record<string, { resolved?: string; version?: string }> };
    const entry = lock.packages?.["node_modules/archkit"];
    if (entry?.resolved?.startsWith("file:")) return entry.resolved;
    return entry?.version === undefined ? undefined : `^${entry.version}`;
  } catch {
    return undefined;
  }
}

function posix(path: string): string {
  return path.split(sep).join("/");
}
