import { TEMPLATES_DIR, type TemplateSource, templateSources } from "../templates.js";

/** The folder of the Pulumi program's TypeScript sources, from src/ and dist/ alike. */
export const TEMPLATE_DIR = `${TEMPLATES_DIR}infra/`;

/** A file of the program: its path inside `infra/` (`index.ts`, `lib/network.ts`) and its text. */
export type ProgramSource = TemplateSource;

/** The program's sources, the same for every spec (the spec arrives as architecture.json). */
export function programSources(): readonly ProgramSource[] {
  return templateSources("infra", { recursive: true });
}
