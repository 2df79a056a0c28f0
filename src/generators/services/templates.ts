import { templateFolder } from "../templates.js";
/** Every template of a service project, by the path of the file it renders (`<name>.hbs` under templates/services/). */
export type TemplateName =
  | "schemas.ts"
  | "generated/types.ts"
  | "generated/clients.ts"
  | "generated/handlers.ts"
  | "generated/service.ts"
  | "generated/config.ts"
  | "generated/index.ts"
  | "generated/db.ts"
  | "generated/state-machines.ts"
  | "generated/fixtures.ts"
  | "fixtures.ts"
  | "handler-stub.ts"
  | "handlers.ts"
  | "main.ts"
  | "package.json"
  | "tsconfig.json";

/** `{{union names}}`: `"a" | "b"`, or `never` for none. */
const union = (names: readonly string[]) =>
  names.length === 0 ? "never" : names.map((n) => JSON.stringify(n)).join(" | ");

const template = templateFolder("services", { union });

/**
 * Render a service template with `view`, ending in exactly one newline; the templates load through
 * the project's one template loader (shared helpers, `union`, no HTML escaping).
 * @example render("main.ts", { id: "orders", type: "Orders" })
 */
export function render(name: TemplateName, view: object): string {
  return `${template(`${name}.hbs`)(view).trimEnd()}\n`;
}
