export { createService } from "./service.js";
export type { ServiceHost } from "./service.js";
export { MAX_BODY_DEPTH, nestingDepth, unstorableValues } from "./input-guard.js";
export { answerClientError } from "./client-error.js";
export { HttpProblem, NotImplemented, PROBLEM_CONTENT_TYPE, problem, sendProblem } from "./problem.js";
export type { FieldError, ProblemDetails, ProblemOptions } from "./problem.js";
export { createLifecycle, hostFor } from "./lifecycle.js";
export type { Host, Lifecycle, LifecycleOptions, LifecycleState, Listening } from "./lifecycle.js";
export { mountHealth } from "./health.js";
export type { HealthOptions, ReadinessCheck } from "./health.js";
export { errorHandler, fallback } from "./errors.js";
export { FORWARDED_HEADERS, RequestScope, requestScope, scopeOf } from "./scope.js";
export type { ScopeOptions } from "./scope.js";
export { allowedMethods, orderRoutes } from "./routes.js";
export {
  expressPath,
  fillPath,
  matchPath,
  openApiPath,
  PathFillError,
  pathParams,
  pathPattern,
  pathPattern as pathMatcher,
  pathSegments,
} from "../../model/path-template.js";
export type { PathSegment } from "../../model/path-template.js";
export type { RouteShape } from "./routes.js";
export { mount } from "./app.js";
export { compileValidators, fieldErrors, schemaOf } from "./validation.js";
export type { EndpointValidators } from "./validation.js";
export { AJV_PRESETS, createAjv, runtimeAjv } from "../../model/ajv.js";
export type { AjvPreset, NamedJsonSchema, RuntimeAjv } from "../../model/ajv.js";
export type {
  AnyHandler,
  Closeable,
  EventBusLike,
  Handler,
  HandlerMap,
  HandlersOf,
  HandlerRequest,
  HandlerResponse,
  RequestContext,
  ServiceDefinition,
  ServiceDeps,
  ShutdownOptions,
  UserIdentity,
} from "./types.js";
export { allowedCallers, callerSigner, nothingMayCall } from "./caller.js";
export { isJsonContentType } from "./content-type.js";
