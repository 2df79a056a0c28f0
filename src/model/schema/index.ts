export {
  SpecPartSchema,
  SpecSchema,
  specJsonSchema,
  specJsonSchemaText,
  specPartJsonSchema,
  specPartJsonSchemaText,
} from "./spec.js";
export type {
  ConsumerInput,
  EndpointInput,
  EventInput,
  FlowInput,
  ServiceInput,
  SpecInput,
  StateMachineInput,
  StoreInput,
} from "./spec.js";
export { PATTERNS, PATTERN_EXPECTATIONS } from "./primitives.js";
export type { PatternName } from "./primitives.js";
