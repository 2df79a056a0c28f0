import { mdCell, mdText } from "../escape.js";
import { type BlockSyntax, renderBlocks } from "./render.js";
import type { Block } from "./blocks.js";

const MARKDOWN: BlockSyntax = {
  heading: (level, text) => `${"#".repeat(level)} ${mdText(text)}`,
  contents: (entries) => `**Contents:** ${entries.map((e) => `[${e.title}](#${e.anchor})`).join(" · ")}`,
  text: mdText,
  strong: (text) => `**${mdText(text)}**`,
  file: (path) => `[\`${path}\`](${path})`,
  mermaidOnly: (rendered) => rendered,
  listItem: (head, children, marker) => {
    const indent = " ".repeat(marker.length);
    return [head, ...children.map((c) => `${indent}- ${mdText(c)}`)].join("\n");
  },
  table: (t) => {
    const row = (cells: readonly string[]) => `|${cells.map((c) => ` ${mdCell(c)} |`).join("")}`;
    return [row(t.head), `|${t.head.map(() => " --- |").join("")}`, ...t.rows.map(row)].join("\n");
  },
  diagram: (d) => `\`\`\`mermaid\n${d.mermaid}\`\`\`\n\n<sub>Source: [\`${d.file}\`](${d.file})</sub>`,
};

/** Blocks as Markdown (GitHub and GitLab render its Mermaid blocks). */
export function renderMarkdown(blocks: readonly Block[]): string {
  return renderBlocks(blocks, MARKDOWN);
}
