import type { HelperDelegate } from "handlebars";
import { mdCell, mdText } from "../escape.js";
import { documentTemplate, tidy } from "../templates.js";
import type { DocumentView } from "./view.js";

const helpers: Readonly<Record<string, HelperDelegate>> = {
  text: (value: string) => mdText(String(value)),
  cell: (value: string) => mdCell(String(value)),
};

/** The architecture document in Markdown (GitHub and GitLab render its Mermaid blocks). */
export function renderMarkdown(view: DocumentView): string {
  return tidy(documentTemplate("markdown", "architecture.md.hbs", helpers)(view));
}
