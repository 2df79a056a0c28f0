import { oneLine, rstCode, rstText } from "../escape.js";
import type { Block } from "./blocks.js";
import { type BlockSyntax, renderBlocks } from "./render.js";

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

const UNDERLINE = { 1: "#", 2: "=", 3: "-", 4: "~" } as const satisfies Record<1 | 2 | 3 | 4, string>;

const RST: BlockSyntax = {
  heading: (level, raw) => {
    const text = rstInline(raw);
    const line = UNDERLINE[level].repeat(Math.max(text.length, 3));
    return level === 1 ? `${line}\n${text}\n${line}` : `${text}\n${line}`;
  },
  contents: () => ".. contents:: Contents\n   :depth: 1\n   :local:",
  /** Plain text keeps one space where it starts or ends with whitespace, so words around markup stay apart. */
  text: (part) => {
    const text = rstInline(part);
    if (text === "") return /\s/.test(part) ? " " : "";
    return `${/^\s/.test(part) ? " " : ""}${text}${/\s$/.test(part) ? " " : ""}`;
  },
  strong: (text) => `**${rstInline(text)}**`,
  file: rstCode,
  mermaidOnly: () => "",
  /** A nested list needs a blank line before and after it. */
  listItem: (head, children, marker) => {
    if (children.length === 0) return head;
    const indent = " ".repeat(marker.length);
    return `${head}\n\n${children.map((c) => `${indent}- ${rstInline(c)}`).join("\n")}\n`;
  },
  table: (t) => {
    const row = (cells: readonly string[]) => `   * ${cells.map((c) => `- ${rstInline(c)}`).join("\n     ")}`;
    return [".. list-table::", "   :header-rows: 1", "", row(t.head), ...t.rows.map(row)].join("\n");
  },
  diagram: (d) => {
    const uml = (d.plantuml ?? "")
      .split("\n")
      .map((line) => (line === "" ? "" : `   ${line}`))
      .join("\n");
    return `.. uml::\n\n${uml}\nSource: ${rstCode(d.file)} (Mermaid)`;
  },
};

/**
 * Blocks as reStructuredText for Sphinx, diagrams as PlantUML in `.. uml::` blocks
 * (sphinxcontrib-plantuml). It opens with a blank line, which ends the comment the generated
 * file's "do not edit" header is in reStructuredText.
 */
export function renderRst(blocks: readonly Block[]): string {
  return `\n${renderBlocks(blocks, RST)}`;
}
