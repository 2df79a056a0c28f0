import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Target } from "./fileset.js";

export const MANIFEST_PATH = ".archkit/manifest.json";

export interface ManifestEntry {
  readonly hash: string;
  readonly target: Target;
}

/** Every file archkit owns in an output folder, with the hash of what it last wrote. */
export interface Manifest {
  readonly version: 1;
  readonly files: Readonly<Record<string, ManifestEntry>>;
}

export const EMPTY_MANIFEST: Manifest = { version: 1, files: {} };

export function hashContent(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

export async function readManifest(root: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(root, MANIFEST_PATH), "utf8");
  } catch {
    return EMPTY_MANIFEST;
  }
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (parsed.version !== 1 || typeof parsed.files !== "object") return EMPTY_MANIFEST;
    return parsed;
  } catch {
    throw new Error(
      `${MANIFEST_PATH} is not valid JSON; delete it and run generate again (files archkit wrote before will then be left alone, not removed)`,
    );
  }
}

/** Sorted keys, so the manifest itself is byte-deterministic. */
export function renderManifest(manifest: Manifest): string {
  const files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}
