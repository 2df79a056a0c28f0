import { stringify } from "yaml";
import { generatedHeader } from "../../fileset.js";
import { byText } from "../names.js";
import type { RenderedObject } from "./mocks.js";

export interface ManifestFile {
  /** `<kind>-<name>.yaml`, lower case kind. */
  readonly path: string;
  readonly content: string;
}

/** The first line of every rendered manifest; files starting with it are archkit's to replace. */
export const MANIFEST_HEADER = generatedHeader("manifest.yaml")!;

const FIRST_KEYS = ["apiVersion", "kind", "metadata", "name", "namespace"];

/** One YAML file per object, keys in a fixed order (Kubernetes' usual first, then alphabetical). */
export function manifestFiles(objects: readonly RenderedObject[], environment: string): ManifestFile[] {
  const files = objects.map((object) => ({
    path: `${object.kind.toLowerCase()}-${object.name}.yaml`,
    content: `${MANIFEST_HEADER}\n# archkit infra render --env ${environment}\n${stringify(ordered(object.manifest), { lineWidth: 0 })}`,
  }));
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`two objects render to ${file.path}`);
    seen.add(file.path);
  }
  return files.sort((a, b) => byText(a.path, b.path));
}

function rank(key: string): number {
  const i = FIRST_KEYS.indexOf(key);
  return i < 0 ? FIRST_KEYS.length : i;
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || byText(a, b));
  return Object.fromEntries(keys.map((key) => [key, ordered((value as Record<string, unknown>)[key])]));
}
