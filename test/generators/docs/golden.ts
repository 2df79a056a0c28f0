import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { expect } from "vitest";

export interface Expected {
  readonly path: string;
  readonly content: string;
}

/**
 * Compares files with a folder of golden copies. With UPDATE_GOLDEN=1 the folder is rewritten
 * instead (stale files removed), so `UPDATE_GOLDEN=1 npx vitest run test/generators/docs` refreshes it.
 */
export function checkFolder(
  folder: string,
  files: readonly Expected[],
  update: boolean,
  ignore: (path: string) => boolean = () => false,
): void {
  if (update) {
    for (const path of listFiles(folder)) if (!ignore(path)) rmSync(join(folder, path));
    for (const f of files) {
      mkdirSync(dirname(join(folder, f.path)), { recursive: true });
      writeFileSync(join(folder, f.path), f.content);
    }
    return;
  }
  const present = listFiles(folder).filter((p) => !ignore(p));
  expect(present, `files in ${folder} (run with UPDATE_GOLDEN=1 to refresh)`).toEqual(files.map((f) => f.path).sort());
  for (const f of files) {
    expect(
      readFileSync(join(folder, f.path), "utf8"),
      `${f.path} is out of date (run with UPDATE_GOLDEN=1 to refresh)`,
    ).toBe(f.content);
  }
}

export function listFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(folder, full).split("\\").join("/"));
    }
  };
  walk(folder);
  return out.sort();
}
