import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/** templates/ of the package: two levels up from src/generators/ and from dist/generators/. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

export type Helpers = Readonly<Record<string, Handlebars.HelperDelegate>>;

/** Helpers every template may use, whatever it renders. */
const sharedHelpers: Helpers = {
  /** `{{json value}}`: JSON text; a missing value is `null`. */
  json: (value: unknown) => JSON.stringify(value ?? null),
  /** `{{join list ", "}}` */
  join: (list: readonly string[], separator: string) => list.join(separator),
  /** `{{indent text "  "}}`: every non-empty line of `text` prefixed. */
  indent: (text: string, prefix: string) =>
    String(text)
      .split("\n")
      .map((line) => (line === "" ? line : `${prefix}${line}`))
      .join("\n"),
  /** `{{concat "start:" id}}` */
  concat: (...args: unknown[]) => args.slice(0, -1).join(""),
  /** `{{#if (defined value)}}`: true for any value but undefined, "" and 0 included. */
  defined: (value: unknown) => value !== undefined,
  /** `{{inc @index}}`: a 1-based position. */
  inc: (index: number) => index + 1,
  /** `{{#if (or a b)}}`: true when any argument is truthy or a non-empty list. */
  or: (...args: unknown[]) => args.slice(0, -1).some((a) => (Array.isArray(a) ? a.length > 0 : Boolean(a))),
};

export type Template = (view: object) => string;

/**
 * The templates of one folder under templates/ (`services`, `docs/markdown`), compiled on a
 * Handlebars instance of their own with the shared helpers and the folder's `helpers` (those of the
 * first call); no HTML escaping. Each template is read and compiled once
 * per process; they ship with archkit, so reading them is not I/O on the user's project.
 * @example templateFolder("services")("main.ts.hbs")({ id: "orders" })
 */
export function templateFolder(folder: string, helpers: Helpers = {}): (file: string) => Template {
  const known = folders.get(folder);
  if (known) return known;
  const dir = `${TEMPLATES_DIR}${folder}/`;
  const hbs = Handlebars.create();
  hbs.registerHelper({ ...sharedHelpers, ...helpers });
  const compiled = new Map<string, Template>();
  const load = (file: string): Template => {
    let template = compiled.get(file);
    if (template === undefined) {
      template = hbs.compile(readFileSync(`${dir}${file}`, "utf8"), { noEscape: true });
      compiled.set(file, template);
    }
    return template;
  };
  folders.set(folder, load);
  return load;
}

const folders = new Map<string, (file: string) => Template>();

/** A file that ships verbatim: its path inside its folder (POSIX separators) and its text. */
export interface TemplateSource {
  readonly path: string;
  readonly text: string;
}

const sources = new Map<string, readonly TemplateSource[]>();

/**
 * The `.ts` files of a folder under templates/ that are copied as they are, the same for every
 * spec (`infra`, `tests/support`), in its subfolders too when `recursive`, in code-unit order of
 * their paths. Read once per process, like the Handlebars templates.
 * @example templateSources("infra", { recursive: true }).map((s) => s.path) // ["index.ts", "lib/architecture.d.ts", ...]
 */
export function templateSources(folder: string, options: { readonly recursive: boolean }): readonly TemplateSource[] {
  const key = `${folder}:${options.recursive}`;
  const known = sources.get(key);
  if (known) return known;
  const dir = `${TEMPLATES_DIR}${folder}/`;
  const read = readdirSync(dir, { recursive: options.recursive, encoding: "utf8" })
    .map((path) => path.split("\\").join("/"))
    .filter((path) => path.endsWith(".ts"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => ({ path, text: readFileSync(`${dir}${path}`, "utf8") }));
  sources.set(key, read);
  return read;
}
