export { servicesGenerator } from "./generate.js";
export { mergeHandlers } from "./merge-handlers.js";
export type { HandlerStub } from "./merge-handlers.js";
export { schemaToType, typeName } from "./ts-types.js";
export type { TypeNaming } from "./ts-types.js";
export { kyselyTypes } from "./db-types.js";
