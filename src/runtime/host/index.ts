export { startService } from "./start.js";
export type { RunningService, StartServiceOptions } from "./start.js";
export { serviceStarter } from "./starter.js";
export type { ServiceStarter, SpecDeps, StartOptions, StarterSpec } from "./starter.js";
export { endpointDeps, withConsumerDeps } from "./handler-deps.js";
export type {
  ConsumerContext,
  DatabaseDeps,
  DepsSource,
  HandlerPublishOptions,
  RunInTx,
  TxDeps,
  TypedPublish,
} from "./handler-deps.js";
