import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/** templates/services/ of the package: three levels up from src/generators/services/ and from dist/generators/services/. */
const TEMPLATE_ROOT = fileURLToPath(new URL("../../../templates/services/", import.meta.url));

/** Every template of a service project, by the path of the file it renders (`<name>.hbs` under templates/services/). */
export type TemplateName =
  | "generated/types.ts"
  | "generated/handlers.ts"
  | "generated/service.ts"
  | "generated/config.ts"
  | "generated/index.ts"
  | "generated/db.ts"
  | "generated/state-machines.ts"
  | "handler-stub.ts"
  | "handlers.ts"
  | "main.ts"
  | "package.json"
  | "tsconfig.json";

const helpers: Readonly<Record<string, Handlebars.HelperDelegate>> = {
  /** `{{json value}}`: JSON text; a missing value is `null`. */
  json: (value: unknown) => JSON.stringify(value ?? null),
  /** `{{join list ", "}}` */
  join: (list: readonly string[], separator: string) => list.join(separator),
  /** `{{union names}}`: `"a" | "b"`, or `never` for none. */
  union: (names: readonly string[]) => (names.length === 0 ? "never" : names.map((n) => JSON.stringify(n)).join(" | ")),
  /** `{{indent text "  "}}`: every non-empty line of `text` prefixed. */
  indent: (text: string, prefix: string) =>
    text
      .split("\n")
      .map((line) => (line === "" ? line : `${prefix}${line}`))
      .join("\n"),
  /** `{{concat "start:" id}}` */
  concat: (...args: unknown[]) => args.slice(0, -1).join(""),
  /** `{{#if (defined value)}}`: true for any value but undefined, "" and 0 included. */
  defined: (value: unknown) => value !== undefined,
};

let instance: typeof Handlebars | undefined;
const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

/**
 * Render a service template with `view`, ending in exactly one newline. Each template is read and compiled once per process,
 * on a Handlebars instance of its own (the helpers above, no HTML escaping). The templates ship
 * with archkit, so reading them is not I/O on the user's project.
 * @example render("main.ts", { id: "orders", type: "Orders" })
 */
export function render(name: TemplateName, view: object): string {
  let template = compiled.get(name);
  if (template === undefined) {
    if (instance === undefined) {
      instance = Handlebars.create();
      instance.registerHelper(helpers);
    }
    template = instance.compile(readFileSync(`${TEMPLATE_ROOT}${name}.hbs`, "utf8"), { noEscape: true });
    compiled.set(name, template);
  }
  return `${template(view).trimEnd()}\n`;
}
