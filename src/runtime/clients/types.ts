import type { IdentitySigner } from "../identity/token.js";
import type { Dispatcher } from "undici";
import type { Model } from "../../model/index.js";
import type { BreakerPolicy } from "./breaker.js";
import type { RetryPolicy } from "./retry.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;

/**
 * One answer of a call: a status the callee declares (below 500) and its body. A union of these,
 * one per declared status, narrows on `status`.
 *
 * @example
 * const result: CallResult<201, Order> | CallResult<409, ProblemDetails> = await call(input);
 * if (result.status === 201) result.body.id;
 */
export interface CallResult<S extends number = number, B = unknown> {
  readonly status: S;
  readonly body: B;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * What a call to one service endpoint takes and answers: the callee's params, query, body and
 * headers, and its results. `generated/clients.ts` declares one per call of a service (`Calls`).
 *
 * @example
 * type ReserveStock = CallSignature<{ productId: string }, Record<string, never>, ReserveStockBody, Record<string, never>, CallResult<201, StockReservation>>;
 */
export interface CallSignature<
  P extends object = object,
  Q extends object = object,
  B = unknown,
  H extends object = object,
  R extends CallResult = CallResult,
> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly headers: H;
  readonly result: R;
}

/** A call known only by name: any params, query, body and headers; any declared status. */
export type UntypedSignature = CallSignature<
  Readonly<Record<string, string | number>>,
  Readonly<Record<string, QueryValue>>,
  unknown,
  Readonly<Record<string, string>>,
  CallResult
>;

/** Calls by name (`<service>.<endpoint>`), each with its signature. */
export type CallSignatures<C> = { readonly [K in keyof C]: CallSignature };

/** Nothing: what an input part with only optional members accepts. */
type Empty = Record<never, never>;

/** A part of the input: required when it has required members, optional when it has none, absent for `undefined`. */
type Part<K extends string, T> = [T] extends [undefined]
  ? { readonly [P in K]?: undefined }
  : Empty extends T
    ? { readonly [P in K]?: T }
    : { readonly [P in K]: T };

interface CallOptions {
  /** Per-attempt timeout; default the target endpoint's `timeoutMs`. */
  readonly timeoutMs?: number;
}

/**
 * The input of a call with signature `S`: `params` and `body` required when the callee has them.
 *
 * @example
 * const input: CallInputOf<Calls["products.reserveStock"]> = { params: { productId }, body: { orderId, quantity: 2 } };
 */
export type CallInputOf<S extends CallSignature> = CallOptions &
  Part<"params", S["params"]> &
  Part<"query", S["query"]> &
  Part<"body", S["body"]> &
  Part<"headers", S["headers"]>;

/** A call to another service's endpoint, untyped: what `CallInputOf<UntypedSignature>` allows. */
export type CallInput = CallInputOf<UntypedSignature>;

/** A call to an external system: free method and path under its base URL. */
export interface ExternalCallInput extends Omit<CallInput, "params"> {
  /** Default POST. */
  readonly method?: HttpMethod;
  /** Appended to the base URL; default `/`. */
  readonly path?: string;
}

/** A call to a service endpoint: the input may be left out when nothing in it is required. */
export type EndpointCall<S extends CallSignature = UntypedSignature> =
  Empty extends CallInputOf<S>
    ? (input?: CallInputOf<S>) => Promise<S["result"]>
    : (input: CallInputOf<S>) => Promise<S["result"]>;

/** A call to an external: every status below 400 is a result, any other throws an `UpstreamError`. */
export type ExternalCall = (input?: ExternalCallInput) => Promise<CallResult>;

type SignaturesOf<C> = [C] extends [string] ? { readonly [K in C]: UntypedSignature } : C;

/**
 * Exactly the declared calls: `<service>.<endpoint>` keys and external names. `C` is either the
 * generated `Calls` (typed params, body and results) or a union of call names (untyped).
 *
 * @example
 * type OrdersClients = Clients<Calls, never>;               // typed, from generated/clients.ts
 * type Untyped = Clients<"products.reserveStock", "mailer">; // by name only
 */
export type Clients<C extends string | CallSignatures<C> = string, X extends string = never> = {
  readonly [K in keyof SignaturesOf<C>]: SignaturesOf<C>[K] extends CallSignature
    ? EndpointCall<SignaturesOf<C>[K]>
    : never;
} & {
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
  /**
   * Signs every call to a service as this service (`x-archkit-identity`), with the user the
   * current request acts for; the callee verifies it before its handler runs.
   */
  readonly signer?: IdentitySigner;
}
