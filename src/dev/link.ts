import { lstat, mkdir, readlink, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** What `linkArchkit` found or did. */
export type LinkOutcome =
  | { readonly kind: "created"; readonly path: string; readonly target: string }
  | { readonly kind: "present"; readonly path: string; readonly target: string | undefined };

/** The root of this archkit package (two levels above `src/dev/` and `dist/dev/`). */
export function archkitRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/**
 * Makes a generated project resolve `archkit` to this checkout, as `npm install` does for its
 * `"archkit": "file:../.."` dependency: creates `<project>/node_modules/archkit` as a link to the
 * archkit root when nothing is there yet. An existing link or install is left alone.
 *
 * @example
 * await linkArchkit("examples/shop"); // { kind: "created", path: "examples/shop/node_modules/archkit", target: "/src/archkit" }
 */
export async function linkArchkit(projectDir: string, root: string = archkitRoot()): Promise<LinkOutcome> {
  const path = join(projectDir, "node_modules", "archkit");
  const existing = await lstat(path).catch(() => undefined);
  if (existing) return { kind: "present", path, target: existing.isSymbolicLink() ? await readlink(path) : undefined };
  await mkdir(dirname(path), { recursive: true });
  try {
    await symlink(root, path, "junction");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { kind: "present", path, target: await readlink(path).catch(() => undefined) };
  }
  return { kind: "created", path, target: root };
}

/**
 * Makes sure the generated project can import `archkit/runtime`: when `archkit` does not resolve
 * from the project (no `npm install` there yet), links it to this archkit with `linkArchkit`.
 * Returns the link it made, or undefined when the project already resolves `archkit`.
 */
export async function ensureArchkit(
  projectDir: string,
  root: string = archkitRoot(),
): Promise<LinkOutcome | undefined> {
  try {
    createRequire(join(projectDir, "package.json")).resolve("archkit/package.json");
    return undefined;
  } catch {
    return linkArchkit(projectDir, root);
  }
}
