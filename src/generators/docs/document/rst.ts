import type { HelperDelegate } from "handlebars";
import { oneLine, rstCode, rstText } from "../escape.js";
import { documentTemplate, tidy } from "../templates.js";
import type { DocumentView } from "./view.js";

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

const helpers: Readonly<Record<string, HelperDelegate>> = {
  text: (value: string) => rstInline(String(value)),
  cell: (value: string) => rstInline(String(value)),
  heading: (title: string, char: string) => {
    const text = rstInline(String(title));
    const line = char.repeat(Math.max(text.length, 3));
    return char === "#" ? `${line}\n${text}\n${line}` : `${text}\n${line}`;
  },
  indent: (source: string) =>
    String(source)
      .split("\n")
      .map((l) => (l === "" ? "" : `   ${l}`))
      .join("\n"),
};

/**
 * The architecture document in reStructuredText for Sphinx, diagrams as PlantUML in `.. uml::`
 * blocks (sphinxcontrib-plantuml). It opens with a blank line, which ends the comment the generated
 * file's "do not edit" header is in reStructuredText.
 */
export function renderRst(view: DocumentView): string {
  return `\n${tidy(documentTemplate("rst", "architecture.rst.hbs", helpers)(view))}`;
}
