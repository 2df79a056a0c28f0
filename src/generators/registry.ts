import { readFileSync } from "node:fs";
import type { Generator } from "./fileset.js";
import { docsGenerator } from "./docs/index.js";
import { infraGenerator } from "./infra/index.js";
import { servicesGenerator } from "./services/index.js";
import { testsGenerator } from "./tests/index.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** Every generator `archkit generate` runs, one per target. */
export const GENERATORS: readonly Generator[] = [
  servicesGenerator(version),
  infraGenerator,
  docsGenerator,
  testsGenerator,
];
