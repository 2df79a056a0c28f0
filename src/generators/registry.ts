import { readFileSync } from "node:fs";
import type { Generator } from "./fileset.js";
import { docsGenerator } from "./docs/index.js";
import { infraGenerator } from "./infra/index.js";
import { sdkGenerator } from "./sdk/index.js";
import { servicesGenerator } from "./services/index.js";
import { testsGenerator } from "./tests/index.js";

/** This archkit's version, from its package.json. */
export const ARCHKIT_VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/**
 * Every generator `archkit generate` runs, one per target; `archkitSpec` is the `archkit`
 * dependency a new package.json gets (default `^<version>`).
 *
 * @example
 * generatorsFor("file:../archkit-0.1.0.tgz").map((g) => g.target) // ["services", "infra", "docs", "tests", "sdk"]
 */
export function generatorsFor(archkitSpec?: string): readonly Generator[] {
  return [servicesGenerator(ARCHKIT_VERSION, archkitSpec), infraGenerator, docsGenerator, testsGenerator, sdkGenerator];
}

/** Every generator `archkit generate` runs, one per target. */
export const GENERATORS: readonly Generator[] = generatorsFor();
