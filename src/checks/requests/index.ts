export { sampleSchema, stableUuid } from "./sample.js";
export type { SampleOptions, Sampled } from "./sample.js";
export { samplePattern } from "./pattern.js";
export type { PatternSample } from "./pattern.js";
export {
  parameterSchema,
  requestProblems,
  requestValidators,
  schemaMap,
  stringValues,
  validRequest,
} from "./request.js";
export type { RequestSource, RequestValidators, SampleRequest, ValidRequest } from "./request.js";
export { invalidRequest } from "./invalid.js";
export type { InvalidRequest } from "./invalid.js";
export { exampleUuid, sampleUse, valueProblems } from "./values.js";
export { invalidPayload } from "./invalid-payload.js";
export type { InvalidPayload } from "./invalid-payload.js";
