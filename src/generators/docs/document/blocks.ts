import type { Diagram, Fact, Table, Titled } from "./view.js";

/**
 * The document as blocks, the same for every output format: the Markdown and reStructuredText
 * renderers each turn these into text. Strings are plain text with two kinds of markup, `code`
 * and [text](link); each renderer escapes the rest in its own way.
 */
export type Inline =
  | string
  | { readonly kind: "strong"; readonly text: string }
  /** A file of the generated docs, relative to docs/: a link where the format links files. */
  | { readonly kind: "file"; readonly path: string }
  /** Words about the Mermaid sources, printed only by formats that draw the diagrams in Mermaid. */
  | { readonly kind: "mermaid-only"; readonly inlines: readonly Inline[] };

export type InlineKind = Exclude<Inline, string>["kind"];

export interface ListItem {
  readonly inlines: readonly Inline[];
  /** A nested bullet list under the item. */
  readonly children: readonly string[];
}

export type Block =
  | { readonly kind: "heading"; readonly level: 1 | 2 | 3 | 4; readonly text: string }
  | { readonly kind: "contents"; readonly entries: readonly Titled[] }
  | { readonly kind: "paragraph"; readonly inlines: readonly Inline[] }
  | { readonly kind: "list"; readonly ordered: boolean; readonly items: readonly ListItem[] }
  | { readonly kind: "table"; readonly table: Table }
  | { readonly kind: "diagram"; readonly diagram: Diagram };

export type BlockKind = Block["kind"];

export function heading(level: 1 | 2 | 3 | 4, text: string): Block {
  return { kind: "heading", level, text };
}

export function paragraph(...inlines: readonly Inline[]): Block {
  return { kind: "paragraph", inlines };
}

export function strong(text: string): Inline {
  return { kind: "strong", text };
}

export function file(path: string): Inline {
  return { kind: "file", path };
}

export function mermaidOnly(...inlines: readonly Inline[]): Inline {
  return { kind: "mermaid-only", inlines };
}

export function bullets(items: readonly string[]): Block[] {
  return items.length === 0 ? [] : [{ kind: "list", ordered: false, items: items.map((t) => item([t])) }];
}

export function numbered(items: readonly ListItem[]): Block[] {
  return items.length === 0 ? [] : [{ kind: "list", ordered: true, items }];
}

export function item(inlines: readonly Inline[], children: readonly string[] = []): ListItem {
  return { inlines, children };
}

export function tableBlock(table: Table | undefined): Block[] {
  return table ? [{ kind: "table", table }] : [];
}

export function diagramBlock(diagram: Diagram | undefined): Block[] {
  return diagram ? [{ kind: "diagram", diagram }] : [];
}

/** A paragraph of plain text; none for an empty or missing text. */
export function prose(text: string | undefined): Block[] {
  return text ? [paragraph(text)] : [];
}

/** Facts as list items: `**label:** text`, with their items nested. */
export function factItems(list: readonly Fact[]): ListItem[] {
  return list.map((f) => item([strong(`${f.label}:`), ...(f.text ? [` ${f.text}`] : [])], f.items ?? []));
}

/** Facts as a bullet list; none for no facts. */
export function facts(list: readonly Fact[]): Block[] {
  return list.length === 0 ? [] : [{ kind: "list", ordered: false, items: factItems(list) }];
}
