import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Kept beside the SVGs: which source each was drawn from, so an unchanged diagram is not drawn again. */
export const MERMAID_CACHE_FILE = ".archkit-render.json";

export interface MermaidCache {
  /** The mermaid-cli version and drawing settings the SVGs were made with; another key invalidates them all. */
  readonly key: string;
  /** Diagram name to the hash of its source. */
  readonly diagrams: Readonly<Record<string, string>>;
}

export function sourceHash(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex");
}

/** The cache key: mermaid-cli's version and the settings, e.g. `11.17.0 {"handDrawnSeed":1}`. */
export async function cacheKey(settings: unknown): Promise<string> {
  return `${await mermaidCliVersion()} ${JSON.stringify(settings)}`;
}

/** The SVGs of the last render whose source and key are unchanged, by diagram name. */
export async function reusableSvgs(
  svgDir: string,
  key: string,
  sources: ReadonlyMap<string, string>,
): Promise<Map<string, Uint8Array>> {
  const reusable = new Map<string, Uint8Array>();
  const cache = await readCache(svgDir);
  if (cache?.key !== key) return reusable;
  for (const [name, source] of sources) {
    if (cache.diagrams[name] !== sourceHash(source)) continue;
    const svg = await readFile(join(svgDir, `${name}.svg`)).catch(() => undefined);
    if (svg !== undefined && svg.length > 0) reusable.set(name, svg);
  }
  return reusable;
}

async function readCache(svgDir: string): Promise<MermaidCache | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(svgDir, MERMAID_CACHE_FILE), "utf8")) as Partial<MermaidCache>;
    return typeof parsed.key === "string" && typeof parsed.diagrams === "object" && parsed.diagrams !== null
      ? (parsed as MermaidCache)
      : undefined;
  } catch {
    return undefined;
  }
}

export function renderCache(key: string, sources: ReadonlyMap<string, string>): string {
  const diagrams = Object.fromEntries([...sources].map(([name, source]) => [name, sourceHash(source)]));
  return `${JSON.stringify({ key, diagrams } satisfies MermaidCache, null, 2)}\n`;
}

/** The installed mermaid-cli's version, read from its package.json (its exports hide the file from a plain resolve). */
async function mermaidCliVersion(): Promise<string> {
  let dir = dirname(createRequire(import.meta.url).resolve("@mermaid-js/mermaid-cli"));
  for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
    const pkg = await readFile(join(dir, "package.json"), "utf8").catch(() => undefined);
    if (pkg === undefined) continue;
    const parsed = JSON.parse(pkg) as { name?: string; version?: string };
    if (parsed.name === "@mermaid-js/mermaid-cli") return parsed.version ?? "unknown";
  }
  return "unknown";
}
