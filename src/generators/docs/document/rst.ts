import { oneLine, rstCode, rstText } from "../escape.js";
import { tidy } from "../format.js";
import type { Block, Inline, ListItem } from "./blocks.js";
import type { Diagram, Table } from "./view.js";
import { unreachable } from "../../../model/errors.js";

/**
 * View strings are plain text with two kinds of markup, `code` and [text](link); reStructuredText
 * gets them as inline literals and anonymous hyperlinks, and everything else escaped.
 */
export function rstInline(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g)) {
    parts.push(rstText(text.slice(last, match.index)));
    parts.push(
      match[1] !== undefined ? rstCode(match[1]) : `\`${oneLine(match[2]!).replace(/[`<>]/g, "")} <${match[3]}>\`__`,
    );
    last = match.index + match[0].length;
  }
  parts.push(rstText(text.slice(last)));
  return parts.join("").replace(/^\s+|\s+$/g, "");
}

/**
 * Blocks as reStructuredText for Sphinx, diagrams as PlantUML in `.. uml::` blocks
 * (sphinxcontrib-plantuml). It opens with a blank line, which ends the comment the generated
 * file's "do not edit" header is in reStructuredText.
 */
export function renderRst(blocks: readonly Block[]): string {
  return `\n${tidy(
    blocks
      .map(block)
      .filter((text) => text !== "")
      .join("\n\n"),
  )}`;
}

const UNDERLINE = { 1: "#", 2: "=", 3: "-", 4: "~" } as const satisfies Record<1 | 2 | 3 | 4, string>;

function block(b: Block): string {
  switch (b.kind) {
    case "heading": {
      const text = rstInline(b.text);
      const line = UNDERLINE[b.level].repeat(Math.max(text.length, 3));
      return b.level === 1 ? `${line}\n${text}\n${line}` : `${text}\n${line}`;
    }
    case "contents":
      return ".. contents:: Contents\n   :depth: 1\n   :local:";
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

/** Plain text keeps one space where it starts or ends with whitespace, so words around markup stay apart. */
function inline(part: Inline): string {
  if (typeof part === "string") {
    const text = rstInline(part);
    if (text === "") return /\s/.test(part) ? " " : "";
    return `${/^\s/.test(part) ? " " : ""}${text}${/\s$/.test(part) ? " " : ""}`;
  }
  switch (part.kind) {
    case "strong":
      return `**${rstInline(part.text)}**`;
    case "file":
      return rstCode(part.path);
    case "mermaid-only":
      return "";
    default: {
      return unreachable(part);
    }
  }
}

/** A nested list needs a blank line before and after it. */
function listItem(item: ListItem, marker: string): string {
  const head = `${marker}${inlines(item.inlines)}`;
  if (item.children.length === 0) return head;
  const indent = " ".repeat(marker.length);
  return `${head}\n\n${item.children.map((c) => `${indent}- ${rstInline(c)}`).join("\n")}\n`;
}

function table(t: Table): string {
  const row = (cells: readonly string[]) => `   * ${cells.map((c) => `- ${rstInline(c)}`).join("\n     ")}`;
  return [".. list-table::", "   :header-rows: 1", "", row(t.head), ...t.rows.map(row)].join("\n");
}

function diagram(d: Diagram): string {
  const uml = (d.plantuml ?? "")
    .split("\n")
    .map((line) => (line === "" ? "" : `   ${line}`))
    .join("\n");
  return `.. uml::\n\n${uml}\nSource: ${rstCode(d.file)} (Mermaid)`;
}
