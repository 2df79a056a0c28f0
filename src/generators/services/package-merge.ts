import type { MergeResult } from "../fileset.js";

type Json = Readonly<Record<string, unknown>>;
type Section = "scripts" | "dependencies" | "devDependencies";

const SECTIONS: readonly Section[] = ["scripts", "dependencies", "devDependencies"];

/**
 * Adds to the project's own package.json what the generated services need, taken from the
 * scaffold archkit would write (`wanted`): missing scripts, dependencies and devDependencies.
 * Everything the user has stays as it is, in its order: other fields, `type`, scripts of the same
 * name, and every dependency already listed in either section (the `archkit` one as installed,
 * e.g. a tarball path or `file:`). Notes say what was added, and what the user should know.
 *
 * @example
 * mergePackageJson('{"scripts":{"test":"jest"}}', scaffold, "package.json").notes
 * // ["package.json: added scripts typecheck, generate, ...", ...]
 */
export function mergePackageJson(existing: string, wanted: string, path: string): MergeResult {
  const current = parseObject(existing);
  if (current === undefined)
    return {
      content: existing,
      notes: [`${path} is not a JSON object, so archkit added nothing to it; fix it and run generate again`],
    };
  const target = parseObject(wanted) ?? {};
  const merged: Record<string, unknown> = { ...current };
  const added: string[] = [];
  for (const section of SECTIONS) {
    const additions = missing(current, target, section);
    if (additions.length === 0) continue;
    merged[section] = { ...asRecord(current[section]), ...Object.fromEntries(additions) };
    added.push(`${section} ${additions.map(([name, value]) => `${name} (${value})`).join(", ")}`);
  }
  if (added.length === 0) return { content: existing, notes: [] };
  const notes = [`${path}: added ${added.join("; ")}; run \`npm install\``];
  if (current.type !== "module" && path === "package.json")
    notes.push(
      `${path} is CommonJS (no "type": "module"); services/package.json makes the generated services ES modules`,
    );
  return { content: `${JSON.stringify(merged, null, indentOf(existing))}\n`, notes };
}

/**
 * `services/package.json`: makes everything under services/ an ES module whatever the root
 * package.json says. Keeps the user's other fields; sets `type` back to `module` with a note.
 */
export function mergeModuleType(existing: string, path: string): MergeResult {
  const current = parseObject(existing);
  if (current === undefined)
    return {
      content: existing,
      notes: [`${path} is not a JSON object; it must say "type": "module" for the services`],
    };
  if (current.type === "module") return { content: existing, notes: [] };
  return {
    content: `${JSON.stringify({ ...current, type: "module" }, null, indentOf(existing))}\n`,
    notes: [`${path}: set "type" to "module" (the generated services are ES modules)`],
  };
}

/** Entries of `section` in `wanted` that `current` lacks; a dependency counts as present in either section. */
function missing(current: Json, wanted: Json, section: Section): (readonly [string, string])[] {
  const have =
    section === "scripts"
      ? asRecord(current.scripts)
      : { ...asRecord(current.dependencies), ...asRecord(current.devDependencies) };
  return Object.entries(asRecord(wanted[section]))
    .filter(([name]) => !(name in have))
    .map(([name, value]) => [name, String(value)] as const);
}

function parseObject(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** The indentation the file uses (two spaces when it has none). */
function indentOf(text: string): string | number {
  const match = /\n([ \t]+)"/.exec(text);
  return match?.[1] ?? 2;
}
