import { mdCell, mdText } from "../escape.js";
import { tidy } from "../format.js";
import type { Block, Inline, ListItem } from "./blocks.js";
import type { Diagram, Table } from "./view.js";
import { unreachable } from "../../../model/errors.js";

/** Blocks as Markdown (GitHub and GitLab render its Mermaid blocks). */
export function renderMarkdown(blocks: readonly Block[]): string {
  return tidy(
    blocks
      .map(block)
      .filter((text) => text !== "")
      .join("\n\n"),
  );
}

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `${"#".repeat(b.level)} ${mdText(b.text)}`;
    case "contents":
      return `**Contents:** ${b.entries.map((e) => `[${e.title}](#${e.anchor})`).join(" · ")}`;
    case "paragraph":
      return inlines(b.inlines);
    case "list":
      return b.items.map((item, i) => listItem(item, b.ordered ? `${i + 1}. ` : "- ")).join("\n");
    case "table":
      return table(b.table);
    case "diagram":
      return diagram(b.diagram);
    default: {
      return unreachable(b);
    }
  }
}

function inlines(parts: readonly Inline[]): string {
  return parts.map(inline).join("");
}

function inline(part: Inline): string {
  if (typeof part === "string") return mdText(part);
  switch (part.kind) {
    case "strong":
      return `**${mdText(part.text)}**`;
    case "file":
      return `[\`${part.path}\`](${part.path})`;
    case "mermaid-only":
      return inlines(part.inlines);
    default: {
      return unreachable(part);
    }
  }
}

function listItem(item: ListItem, marker: string): string {
  const indent = " ".repeat(marker.length);
  return [`${marker}${inlines(item.inlines)}`, ...item.children.map((c) => `${indent}- ${mdText(c)}`)].join("\n");
}

function table(t: Table): string {
  const row = (cells: readonly string[]) => `|${cells.map((c) => ` ${mdCell(c)} |`).join("")}`;
  return [row(t.head), `|${t.head.map(() => " --- |").join("")}`, ...t.rows.map(row)].join("\n");
}

function diagram(d: Diagram): string {
  return `\`\`\`mermaid\n${d.mermaid}\`\`\`\n\n<sub>Source: [\`${d.file}\`](${d.file})</sub>`;
}
