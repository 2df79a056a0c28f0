import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What `--render` writes into each folder of rendered output: git ignores the folder, this file included. */
export const RENDERED_GITIGNORE = "# rendered by `archkit docs --render` from the docs beside it; not committed\n*\n";

/**
 * Keeps a folder of rendered output (SVGs, the c4builder site) out of git with a `.gitignore` of
 * its own, written again on every render since the folder is replaced as a whole.
 *
 * @example
 * await ignoreRendered("docs/diagrams/svg");
 */
export async function ignoreRendered(dir: string): Promise<void> {
  await writeFile(join(dir, ".gitignore"), RENDERED_GITIGNORE);
}
