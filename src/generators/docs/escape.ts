/**
 * Escaping for every text format the docs generator writes. Labels come from the spec (titles,
 * descriptions, summaries), so each one goes through the function of the format it lands in.
 */

/** One line of text: runs of whitespace (newlines included) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Prose in Markdown: no raw HTML, and nothing a reader would take for a placeholder. */
export function mdText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A cell of a Markdown table: one line, pipes escaped. */
export function mdCell(text: string): string {
  return mdText(oneLine(text)).replace(/\|/g, "\\|");
}

/** Inline code in Markdown, fenced with more backticks than the text contains. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${oneLine(text)}${pad}${fence}`;
}

/** A GitHub-style heading anchor: lowercase, punctuation dropped, spaces as hyphens. */
export function mdAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

/**
 * A label inside a quoted Mermaid string (flowchart nodes and edges, ER comments, C4 arguments):
 * quotes, angle brackets, `#` and `;` as Mermaid entity codes.
 */
export function mermaidLabel(text: string): string {
  return oneLine(text).replace(/[#";<>]/g, (c) => MERMAID_ENTITIES[c]!);
}

const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  "#": "#35;",
  '"': "#quot;",
  ";": "#59;",
  "<": "#lt;",
  ">": "#gt;",
};

/** C4 diagrams in Mermaid take their arguments as plain quoted strings without entity support. */
export function mermaidC4Label(text: string): string {
  return oneLine(text).replace(/"/g, "'").replace(/[<>]/g, "");
}

/** Free text after the colon of a sequence message, note or state transition. */
export function mermaidMessage(text: string): string {
  return oneLine(text)
    .replace(/%%/g, "% %")
    .replace(/[#;]/g, (c) => MERMAID_ENTITIES[c]!);
}

/** An identifier Mermaid accepts anywhere: letters, digits and underscores. */
export function mermaidId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** A quoted PlantUML macro argument: no double quotes, no line breaks. */
export function plantumlLabel(text: string): string {
  return oneLine(text).replace(/"/g, "'");
}

/** An alias PlantUML accepts: letters, digits and underscores. */
export function plantumlId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** Inline reStructuredText: characters that start markup are escaped. */
export function rstText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\\/g, "\\\\")
    .replace(/([*`|_])/g, "\\$1");
}

/** Inline literal in reStructuredText. */
export function rstCode(text: string): string {
  return `\`\`${oneLine(text).replace(/`/g, "'")}\`\``;
}
