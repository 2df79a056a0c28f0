import type { HelperDelegate } from "handlebars";
import type { Model } from "../../model/index.js";
import { adrFiles } from "./document/records.js";
import { table } from "./document/table.js";
import { mdCell, mdText } from "./escape.js";
import { capitalize } from "./format.js";
import { documentTemplate, tidy } from "./templates.js";

const helpers: Readonly<Record<string, HelperDelegate>> = {
  text: (value: string) => mdText(String(value)),
  cell: (value: string) => mdCell(String(value)),
};

/** One MADR file per decision, plus an index; paths relative to docs/. */
export function adrDocuments(
  model: Model,
  sourceFile: string,
): readonly { readonly path: string; readonly content: string }[] {
  if (model.decisions.length === 0) return [];
  const files = adrFiles(model.decisions);
  const record = documentTemplate("markdown", "adr.md.hbs", helpers);
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
  const readme = tidy(
    documentTemplate("markdown", "adr-index.md.hbs", helpers)({ system: model.system.title, sourceFile, index }),
  );
  return [{ path: "adr/README.md", content: readme }, ...records];
}
