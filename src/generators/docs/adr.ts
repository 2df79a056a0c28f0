import type { Model } from "../../model/index.js";
import { templateFolder } from "../templates.js";
import { heading, paragraph, tableBlock } from "./document/blocks.js";
import { renderMarkdown } from "./document/markdown.js";
import { adrFiles } from "./document/records.js";
import { table } from "./document/table.js";
import { mdText } from "./escape.js";
import { capitalize, tidy } from "./format.js";

/** The MADR record stays a template: prose a team may want to read and reshape as a whole. */
const template = templateFolder("docs", { text: (value: string) => mdText(String(value)) });

/** One MADR file per decision, plus an index; paths relative to docs/. */
export function adrDocuments(
  model: Model,
  sourceFile: string,
): readonly { readonly path: string; readonly content: string }[] {
  if (model.decisions.length === 0) return [];
  const files = adrFiles(model.decisions);
  const record = template("adr.md.hbs");
  const records = model.decisions.map((d) => ({ path: files.get(d.id)!, content: tidy(record(d)) }));
  const index = table(
    ["Decision", "Title", "Status", "Date"],
    model.decisions.map((d) => [
      `[${d.id}](${files.get(d.id)!.slice("adr/".length)})`,
      d.title,
      capitalize(d.status),
      d.date ?? "",
    ]),
  );
  const readme = renderMarkdown([
    heading(1, "Architecture decision records"),
    paragraph(
      `Decisions of ${model.system.title}, in [MADR](https://adr.github.io/madr/) format, generated from the \`decisions\` of \`${sourceFile}\`.`,
    ),
    ...tableBlock(index),
  ]);
  return [{ path: "adr/README.md", content: readme }, ...records];
}
