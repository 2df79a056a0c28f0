export { computeModel } from "./compute.js";
export { ModelFileError, ModelLookupError } from "./errors.js";
export { brokerVariable, externalPort, GATEWAY_STORE, jwtSecretVariable } from "./needs.js";
export { MODEL_FILE_VERSION, parseModelFile, readModelFile, serializeModel } from "./serialize.js";
export type * from "./types.js";
