import { TEMPLATES_DIR, type TemplateSource, templateSources } from "../templates.js";

/** templates/tests/support/ of the package, from src/ and dist/ alike. */
export const SUPPORT_DIR = `${TEMPLATES_DIR}tests/support/`;

/** A shared helper of the contract tests: its path inside `test/contracts/support/` and its text. */
export type SupportSource = TemplateSource;

/** The contract tests' shared helpers, the same for every spec (they read the model at run time). */
export function supportSources(): readonly SupportSource[] {
  return templateSources("tests/support", { recursive: false });
}
