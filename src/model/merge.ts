import { basename, dirname, relative } from "node:path";
import { diagnostic, type Diagnostic } from "./diagnostics.js";
import type { Path, RawSpec, SourceFile, Span } from "./source.js";
import { didYouMean, listNames } from "./suggest.js";

/** Top-level maps an included file may add entries to, with the word for one entry. */
export const PART_MAPS = {
  actors: "actor",
  externals: "external",
  clients: "client",
  services: "service",
  events: "event",
  stores: "store",
  schemas: "schema",
  flows: "flow",
  stateMachines: "state machine",
  glossary: "glossary term",
} as const satisfies Record<string, string>;

/** Top-level keys only the root spec may set. */
export const ROOT_ONLY_KEYS = ["archkit", "system", "gateway", "quality", "deployment"] as const;

/** Every top-level key an included file may hold. */
export const PART_KEYS: readonly string[] = ["include", ...Object.keys(PART_MAPS), "decisions"];

type Section = keyof typeof PART_MAPS;
type Data = Record<string, unknown>;

interface DecisionAt {
  readonly raw: RawSpec;
  readonly index: number;
}

/** Where every merged entry came from, so that positions point into the file that defines it. */
interface Owners {
  readonly entries: Map<string, Map<string, RawSpec>>;
  readonly sections: Map<string, RawSpec>;
  readonly decisions: DecisionAt[];
  readonly decisionIds: Map<string, DecisionAt>;
}

export interface MergeResult {
  readonly raw: RawSpec;
  readonly diagnostics: readonly Diagnostic[];
}

export function isMapping(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * One RawSpec from the root and the files it includes (in reading order): the maps hold the
 * entries of every file, decisions are concatenated, and `locate` answers from the file that
 * wrote the value. The root's `include` is dropped from the data.
 */
export function mergeParts(root: RawSpec, parts: readonly RawSpec[], files: readonly SourceFile[]): MergeResult {
  const rootData = root.data as Data;
  const data: Data = Object.fromEntries(Object.entries(rootData).filter(([key]) => key !== "include"));
  const owners: Owners = { entries: new Map(), sections: new Map(), decisions: [], decisionIds: new Map() };
  const diagnostics: Diagnostic[] = [];
  const where = (span: Span) => `${relative(dirname(root.file), span.file) || span.file}:${span.line}`;
  const context: MergeContext = { root, data, owners, diagnostics, where, rootData };
  addFile(context, root, true);
  for (const part of parts) addFile(context, part, false);
  return { raw: { ...root, files, data, locate: routedLocate(root, owners) }, diagnostics };
}

interface MergeContext {
  readonly data: Data;
  readonly root: RawSpec;
  readonly rootData: Data;
  readonly owners: Owners;
  readonly diagnostics: Diagnostic[];
  readonly where: (span: Span) => string;
}

function addFile(context: MergeContext, raw: RawSpec, isRoot: boolean): void {
  for (const [key, value] of Object.entries(raw.data as Data)) {
    if (key === "include") continue;
    if (key in PART_MAPS) addEntries(context, raw, key as Section, value, isRoot);
    else if (key === "decisions") addDecisions(context, raw, value, isRoot);
    else if (!isRoot) context.diagnostics.push(partKeyProblem(context.root, raw, key));
  }
}

function partKeyProblem(root: RawSpec, raw: RawSpec, key: string): Diagnostic {
  const loc = raw.locate([key], "key");
  if ((ROOT_ONLY_KEYS as readonly string[]).includes(key))
    return diagnostic("includeRootOnly", {
      loc,
      message: `\`${key}\` belongs in the root spec, not in an included file`,
      hint: `move \`${key}\` to ${basename(root.file)}; included files hold services, events, stores, schemas, flows and the like`,
    });
  return diagnostic("unknownKey", {
    loc,
    message: `unknown key \`${key}\` in an included file`,
    hint: didYouMean(key, PART_KEYS) ?? `an included file may hold ${listNames(PART_KEYS, PART_KEYS.length)}`,
  });
}

function addEntries(context: MergeContext, raw: RawSpec, section: Section, value: unknown, isRoot: boolean): void {
  const { owners } = context;
  if (value === null || value === undefined) return;
  if (!isMapping(value)) {
    if (!isRoot) context.diagnostics.push(notAMap(raw, section));
    return;
  }
  if (!owners.sections.has(section)) owners.sections.set(section, raw);
  const names = owners.entries.get(section) ?? new Map<string, RawSpec>();
  owners.entries.set(section, names);
  if (isRoot) {
    for (const name of Object.keys(value)) names.set(name, raw);
    return;
  }
  const target = mergedSection(context, section);
  if (!target) return;
  for (const [name, entry] of Object.entries(value)) {
    const first = names.get(name);
    if (first) {
      context.diagnostics.push(
        duplicate(raw, [section, name], PART_MAPS[section], name, context.where(first.locate([section, name], "key"))),
      );
      continue;
    }
    names.set(name, raw);
    target[name] = entry;
  }
}

/** The merged map of `section`, a copy of the root's; undefined when the root's value is not a map (the schema check reports it). */
function mergedSection(context: MergeContext, section: Section): Data | undefined {
  const current = context.data[section];
  if (current !== null && current !== undefined && !isMapping(current)) return undefined;
  if (current === context.rootData[section] || current === null || current === undefined) {
    const copy: Data = { ...(current ?? {}) };
    context.data[section] = copy;
    return copy;
  }
  return current;
}

function addDecisions(context: MergeContext, raw: RawSpec, value: unknown, isRoot: boolean): void {
  const { owners } = context;
  if (value === null || value === undefined) return;
  if (!Array.isArray(value)) {
    if (!isRoot)
      context.diagnostics.push(
        diagnostic("wrongType", {
          loc: raw.locate(["decisions"]),
          message: "`decisions` must be a list of decision records",
        }),
      );
    return;
  }
  if (!owners.sections.has("decisions")) owners.sections.set("decisions", raw);
  const current = context.data.decisions;
  if (!isRoot && current !== undefined && current !== null && !Array.isArray(current)) return;
  const merged = isRoot ? value : [...((current as unknown[] | null | undefined) ?? []), ...value];
  value.forEach((decision: unknown, index) => {
    const at = { raw, index };
    const id = isMapping(decision) && typeof decision.id === "string" ? decision.id : undefined;
    const first = id === undefined ? undefined : owners.decisionIds.get(id);
    if (id !== undefined && first && first.raw !== raw) {
      const firstAt = context.where(first.raw.locate(["decisions", first.index, "id"]));
      context.diagnostics.push(duplicate(raw, ["decisions", index, "id"], "decision", id, firstAt, "value"));
    } else if (id !== undefined && !first) owners.decisionIds.set(id, at);
    owners.decisions.push(at);
  });
  context.data.decisions = merged;
}

function duplicate(
  raw: RawSpec,
  path: Path,
  word: string,
  name: string,
  firstAt: string,
  part: "key" | "value" = "key",
): Diagnostic {
  return diagnostic("duplicateDefinition", {
    loc: raw.locate(path, part),
    message: `${word} \`${name}\` is already defined at ${firstAt}`,
    hint: "a name is defined in one file only: rename one of the two or remove one",
  });
}

function notAMap(raw: RawSpec, section: Section): Diagnostic {
  return diagnostic("wrongType", {
    loc: raw.locate([section]),
    message: `\`${section}\` must be a mapping of names to definitions`,
  });
}

function routedLocate(root: RawSpec, owners: Owners): RawSpec["locate"] {
  return (path, part) => {
    const [section, name] = path;
    if (typeof section !== "string") return root.locate(path, part);
    if (section === "decisions" && typeof name === "number") {
      const at = owners.decisions[name];
      if (at) return at.raw.locate(["decisions", at.index, ...path.slice(2)], part);
    }
    const owner = name === undefined ? undefined : owners.entries.get(section)?.get(String(name));
    return (owner ?? owners.sections.get(section) ?? root).locate(path, part);
  };
}
