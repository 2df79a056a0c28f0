import type { Dispatcher } from "undici";
import type { Model } from "../../model/index.js";
import type { BreakerPolicy } from "./breaker.js";
import type { RetryPolicy } from "./retry.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;

/** A call to another service's endpoint. */
export interface CallInput {
  /** Path parameters: every `{name}` of the target path. */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout; default the target endpoint's `timeoutMs`. */
  readonly timeoutMs?: number;
}

/** A call to an external system: free method and path under its base URL. */
export interface ExternalCallInput extends Omit<CallInput, "params"> {
  /** Default POST. */
  readonly method?: HttpMethod;
  /** Appended to the base URL; default `/`. */
  readonly path?: string;
}

/** A 2xx answer; other statuses throw an `UpstreamError` (an `HttpProblem`). */
export interface CallResult<B = unknown> {
  readonly status: number;
  readonly body: B;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type EndpointCall = (input?: CallInput) => Promise<CallResult>;
export type ExternalCall = (input?: ExternalCallInput) => Promise<CallResult>;

/** Exactly the declared calls: `<service>.<endpoint>` keys, and external names. */
export type Clients<E extends string = string, X extends string = never> = { readonly [K in E]: EndpointCall } & {
  readonly [K in X]: ExternalCall;
};

export interface ClientsOptions {
  readonly model: Model;
  /** The calling service. */
  readonly service: string;
  /** Base URLs by service or external id; otherwise `<SERVICE>_URL` / `EXTERNAL_<NAME>_URL`. */
  readonly urls?: Readonly<Record<string, string | undefined>>;
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly retry?: Partial<RetryPolicy>;
  readonly breaker?: Partial<BreakerPolicy>;
  /** Per-attempt timeout of external calls (default 5 s). */
  readonly externalTimeoutMs?: number;
  /** The connection pool; by default one undici Agent per clients object, closed with it. */
  readonly dispatcher?: Dispatcher;
}
