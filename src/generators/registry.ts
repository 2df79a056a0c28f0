import type { Generator } from "./fileset.js";

/** Every generator `archkit generate` runs, one per target. */
export const GENERATORS: readonly Generator[] = [];
