import { tidy } from "../format.js";
import type { Block, Inline, ListItem } from "./blocks.js";
import type { Diagram, Table, Titled } from "./view.js";
import { unreachable } from "../../../model/errors.js";

/** How one output format writes each kind of block and inline; the walk over the blocks is shared. */
export interface BlockSyntax {
  heading(level: 1 | 2 | 3 | 4, text: string): string;
  contents(entries: readonly Titled[]): string;
  /** A plain-text inline, as the string it was given. */
  text(part: string): string;
  strong(text: string): string;
  file(path: string): string;
  /** Words about the Mermaid sources, already rendered. */
  mermaidOnly(rendered: string): string;
  /** A list item whose own inlines are already rendered as `head` (marker included). */
  listItem(head: string, children: readonly string[], marker: string): string;
  table(t: Table): string;
  diagram(d: Diagram): string;
}

/** The blocks in one format, the empty ones dropped, a blank line between the others. */
export function renderBlocks(blocks: readonly Block[], syntax: BlockSyntax): string {
  return tidy(
    blocks
      .map((b) => block(b, syntax))
      .filter((text) => text !== "")
      .join("\n\n"),
  );
}

function block(b: Block, syntax: BlockSyntax): string {
  switch (b.kind) {
    case "heading":
      return syntax.heading(b.level, b.text);
    case "contents":
      return syntax.contents(b.entries);
    case "paragraph":
      return inlines(b.inlines, syntax);
    case "list":
      return b.items.map((item, i) => listItem(item, b.ordered ? `${i + 1}. ` : "- ", syntax)).join("\n");
    case "table":
      return syntax.table(b.table);
    case "diagram":
      return syntax.diagram(b.diagram);
    default: {
      return unreachable(b);
    }
  }
}

function inlines(parts: readonly Inline[], syntax: BlockSyntax): string {
  return parts.map((part) => inline(part, syntax)).join("");
}

function inline(part: Inline, syntax: BlockSyntax): string {
  if (typeof part === "string") return syntax.text(part);
  switch (part.kind) {
    case "strong":
      return syntax.strong(part.text);
    case "file":
      return syntax.file(part.path);
    case "mermaid-only":
      return syntax.mermaidOnly(inlines(part.inlines, syntax));
    default: {
      return unreachable(part);
    }
  }
}

function listItem(item: ListItem, marker: string, syntax: BlockSyntax): string {
  return syntax.listItem(`${marker}${inlines(item.inlines, syntax)}`, item.children, marker);
}
