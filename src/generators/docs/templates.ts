import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/** templates/docs/ of the package: three levels up from src/generators/docs/ and from dist/generators/docs/. */
const TEMPLATE_ROOT = fileURLToPath(new URL("../../../templates/docs/", import.meta.url));

export type TemplateFormat = "markdown" | "rst";

export type Helpers = Readonly<Record<string, Handlebars.HelperDelegate>>;

const cache = new Map<string, Handlebars.TemplateDelegate>();

/**
 * The compiled main template of a format, with its partials (`<format>/partials/*.hbs`) and
 * helpers registered on a private Handlebars instance. Templates are read once per process;
 * they ship with the package, so reading them is not I/O on the user's project.
 */
export function documentTemplate(format: TemplateFormat, main: string, helpers: Helpers): Handlebars.TemplateDelegate {
  const key = `${format}/${main}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const hbs = Handlebars.create();
  const dir = `${TEMPLATE_ROOT}${format}/`;
  for (const file of readdirSync(`${dir}partials`)
    .filter((f) => f.endsWith(".hbs"))
    .sort()) {
    hbs.registerPartial(file.slice(0, -".hbs".length), readFileSync(`${dir}partials/${file}`, "utf8"));
  }
  hbs.registerHelper({ ...commonHelpers, ...helpers });
  const template = hbs.compile(readFileSync(`${dir}${main}`, "utf8"), { noEscape: true, preventIndent: false });
  cache.set(key, template);
  return template;
}

const commonHelpers: Helpers = {
  inc: (index: number) => index + 1,
  or: (...args: unknown[]) => args.slice(0, -1).some((a) => (Array.isArray(a) ? a.length > 0 : Boolean(a))),
};

/** Blank-line hygiene after rendering: at most one blank line in a row, one newline at the end. */
export function tidy(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
