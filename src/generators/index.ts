export { generatedHeader, TARGETS } from "./fileset.js";
export type { FileSet, GeneratedFile, Generator, MergeResult, Target } from "./fileset.js";
export { withGeneratedBlock } from "./gitattributes.js";
export { renderDiff } from "./plan-diff.js";
export { applyPlan, isUpToDate, planFileSets } from "./writer.js";
export type { Change, Plan } from "./writer.js";
export { MANIFEST_PATH } from "./manifest.js";
export { ARCHKIT_VERSION, GENERATORS, generatorsFor } from "./registry.js";
