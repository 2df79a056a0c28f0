import { stringify } from "yaml";

/** YAML for generated documents: insertion order kept, no line folding, no anchors, so output is stable and diffable. */
export function toYaml(document: unknown): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false, indent: 2 });
}
