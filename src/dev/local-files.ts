import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { LOCAL_FILES } from "../model/naming.js";

/** What a project's `.archkit/.gitignore` lists when `archkit dev` writes it first. */
const DEFAULT_IGNORED = LOCAL_FILES.filter((file) => file !== "dev-secret" && file !== "dev-ports.json")
  .map((file) => `${file}\n`)
  .join("");

/**
 * Appends `name` (a file under `.archkit/`) to `.archkit/.gitignore` when it is not listed, so
 * what `archkit dev` keeps per project (secret, ports, typecheck state) is never committed.
 *
 * @example
 * await ignoreLocally("examples/shop", "dev-ports.json");
 */
export async function ignoreLocally(projectDir: string, name: string): Promise<void> {
  const ignore = join(projectDir, ".archkit", ".gitignore");
  const text = await readFile(ignore, "utf8").catch(() => undefined);
  if (text?.split("\n").includes(name)) return;
  await mkdir(join(projectDir, ".archkit"), { recursive: true });
  const base = text === undefined ? DEFAULT_IGNORED : text.endsWith("\n") || text === "" ? text : `${text}\n`;
  await writeFile(ignore, `${base}${name}\n`);
}
