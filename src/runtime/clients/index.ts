export { createClients } from "./clients.js";
export { closeClients } from "./close.js";
export { UpstreamError, isTransient } from "./failure.js";
export type { Failure } from "./failure.js";
export { envName, urlVariable } from "../../model/naming.js";
export { DEFAULT_RETRY } from "./retry.js";
export type { RetryPolicy } from "./retry.js";
export { DEFAULT_BREAKER } from "./breaker.js";
export type { BreakerPolicy } from "./breaker.js";
export type {
  CallInput,
  CallInputOf,
  CallResult,
  CallSignature,
  CallSignatures,
  Clients,
  ClientsOptions,
  EndpointCall,
  ExternalCall,
  ExternalCallInput,
  HttpMethod,
  QueryValue,
  UntypedSignature,
} from "./types.js";
