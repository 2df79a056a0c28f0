/**
 * Splits a block-style spec (such as the shop's architecture.yaml) by its top-level entries:
 * each entry of a map an included file may hold (a service, an event, a decision, ...) goes to
 * the root or to one of the part files, with its text unchanged.
 */

const PART_SECTIONS = new Set([
  "actors",
  "externals",
  "clients",
  "services",
  "events",
  "stores",
  "schemas",
  "flows",
  "stateMachines",
  "glossary",
  "decisions",
]);

export interface Section {
  readonly name: string;
  /** The section's lines when it stays whole in the root (the preamble, system, gateway, ...). */
  readonly lines: readonly string[];
  /** Each entry's lines, for the sections a part may hold; empty for the others. */
  readonly entries: readonly (readonly string[])[];
}

/** The spec's top-level sections in order; the lines before the first key form a section named "". */
export function sectionsOf(text: string): Section[] {
  const sections: { name: string; lines: string[] }[] = [{ name: "", lines: [] }];
  for (const line of text.split("\n")) {
    const key = /^([A-Za-z][A-Za-z0-9]*):/.exec(line)?.[1];
    if (key !== undefined) sections.push({ name: key, lines: [] });
    sections.at(-1)!.lines.push(line);
  }
  return sections.map(({ name, lines }) => ({
    name,
    lines,
    entries: PART_SECTIONS.has(name) && lines[0] === `${name}:` ? entriesOf(lines.slice(1)) : [],
  }));
}

function entriesOf(lines: readonly string[]): string[][] {
  const entries: string[][] = [];
  for (const line of lines) {
    if (/^ {2}[^ #]/.test(line) || entries.length === 0) entries.push([]);
    entries.at(-1)!.push(line);
  }
  return entries.filter((entry) => entry.some((line) => line.trim() !== "" && !line.trim().startsWith("#")));
}

export type Layout = "flat" | "chain" | "pattern";

/** Where the part files are and how they are included. */
export interface Split {
  readonly parts: number;
  readonly layout: Layout;
  /** For every splittable section in order, the file of each entry: 0 the root, i the i-th part; non-decreasing. */
  readonly owners: readonly (readonly number[])[];
}

export function partFile(split: Split, i: number): string {
  if (split.layout === "chain") return `${"parts/".repeat(i)}part.yaml`;
  return `parts/part-${String(i).padStart(2, "0")}.yaml`;
}

function includeOf(split: Split, i: number): string | undefined {
  if (split.layout === "pattern") return i === 0 ? "include: [parts/*.yaml]" : undefined;
  if (split.layout === "chain") return i < split.parts ? "include: [parts/part.yaml]" : undefined;
  return i === 0
    ? `include: [${Array.from({ length: split.parts }, (_, k) => partFile(split, k + 1)).join(", ")}]`
    : undefined;
}

/** The files of the split spec, keyed by path relative to the root's folder; the root is architecture.yaml. */
export function splitSpec(text: string, split: Split): Record<string, string> {
  const files: string[][] = Array.from({ length: split.parts + 1 }, () => []);
  let splittable = 0;
  for (const section of sectionsOf(text)) {
    if (section.entries.length === 0) {
      files[0]!.push(...section.lines);
      if (section.name === "archkit" && includeOf(split, 0)) files[0]!.push(includeOf(split, 0)!);
      continue;
    }
    const owners = split.owners[splittable++] ?? [];
    for (let file = 0; file <= split.parts; file++) {
      const mine = section.entries.filter((_, i) => (owners[i] ?? 0) === file);
      if (mine.length > 0) files[file]!.push(`${section.name}:`, ...mine.flat());
    }
  }
  const result: Record<string, string> = { "architecture.yaml": `${files[0]!.join("\n")}\n` };
  for (let i = 1; i <= split.parts; i++) {
    const include = includeOf(split, i);
    result[partFile(split, i)] = `${[...(include ? [include] : []), ...files[i]!].join("\n")}\n`;
  }
  return result;
}

/** How many entries each splittable section of `text` has, in order. */
export function entryCounts(text: string): number[] {
  return sectionsOf(text)
    .filter((s) => s.entries.length > 0)
    .map((s) => s.entries.length);
}
