import type { Decision, Model } from "../../../model/index.js";
import { capitalize } from "../format.js";
import { table } from "./table.js";
import type { DecisionsView, Table } from "./view.js";

/** `docs/adr/0001-event-driven-architecture-for-order-processing.md`, relative to docs/. */
export function adrFiles(decisions: readonly Decision[]): ReadonlyMap<string, string> {
  const numbers = decisions.map((d) => Number(/-(\d+)$/.exec(d.id)?.[1] ?? "0"));
  const unique = new Set(numbers).size === numbers.length && numbers.every((n) => n > 0);
  return new Map(
    decisions.map((d, i) => [d.id, `adr/${String(unique ? numbers[i]! : i + 1).padStart(4, "0")}-${slug(d.title)}.md`]),
  );
}

export function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/g, "") || "decision"
  );
}

export function decisions(model: Model): DecisionsView | undefined {
  if (model.decisions.length === 0) return undefined;
  const files = adrFiles(model.decisions);
  return {
    index: table(
      ["Decision", "Title", "Status", "Date"],
      model.decisions.map((d) => [`[${d.id}](${files.get(d.id)!})`, d.title, capitalize(d.status), d.date ?? ""]),
    )!,
    records: model.decisions.map((d) => ({
      heading: `${d.id}: ${d.title}`,
      file: files.get(d.id)!,
      facts: [
        ...(d.date ? [{ label: "Date", text: d.date }] : []),
        { label: "Status", text: capitalize(d.status) + (d.supersededBy ? `, superseded by ${d.supersededBy}` : "") },
        { label: "Context", text: d.context },
        { label: "Decision", text: d.decision },
        ...(d.rationale ? [{ label: "Rationale", text: d.rationale }] : []),
      ],
      gained: d.consequences.gained,
      costs: d.consequences.costs,
      alternatives: d.alternatives,
    })),
  };
}

export function glossary(model: Model): Table | undefined {
  const entries = [...model.glossary].sort(
    (a, b) => compare(a.term.toLowerCase(), b.term.toLowerCase()) || compare(a.term, b.term),
  );
  return table(
    ["Term", "Definition"],
    entries.map((g) => [g.term, g.definition]),
  );
}

export function revisions(model: Model, sourceFile: string): Table {
  const s = model.system;
  return table(
    ["Version", "Date", "Status", "Owner", "Description of change"],
    [
      [
        s.version,
        s.date ?? "",
        capitalize(s.status),
        s.owner ?? "",
        `Architecture as declared in \`${sourceFile}\` version ${s.version}`,
      ],
    ],
  )!;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
