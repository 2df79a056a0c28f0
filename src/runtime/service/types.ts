import type { IdentityVerifier } from "../identity/verify.js";
import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Model } from "../../model/index.js";
import type { Cache, DatabaseHandle } from "../contracts.js";

/** The identity the gateway forwards (`x-user-id`, `x-user-roles`), when the caller has one. */
export interface UserIdentity {
  readonly id: string;
  readonly roles: readonly string[];
}

/** What the service host needs of an event bus: readiness and an orderly stop. */
export interface EventBusLike {
  ready(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Something the host closes on shutdown, after the consumers stopped (e.g. the service's clients). */
export interface Closeable {
  close(): Promise<void>;
}

/** Everything a service uses besides its handlers. All optional; the host closes what it is given. */
export interface ServiceDeps {
  readonly db?: DatabaseHandle;
  readonly bus?: EventBusLike;
  readonly cache?: Cache;
  readonly clients?: unknown;
  readonly logger?: Logger;
  readonly registry?: Registry;
  /** Closed last on shutdown, in order. */
  readonly closeables?: readonly Closeable[];
}

/** Per-request context handed to every handler. */
export interface RequestContext<D = ServiceDeps> {
  readonly correlationId: string;
  /** A child logger: every line carries `correlationId`. */
  readonly log: Logger;
  readonly user?: UserIdentity;
  /** `<service>.<endpoint>` */
  readonly endpoint: string;
  readonly deps: D;
}

/** A validated request: params and query coerced to their schema types, defaults applied. */
export interface HandlerRequest<
  P = Record<string, unknown>,
  Q = Record<string, unknown>,
  B = unknown,
  D = ServiceDeps,
> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly headers: Readonly<IncomingHttpHeaders>;
  readonly ctx: RequestContext<D>;
}

/** What a handler answers: a status declared in the spec and its body. */
export interface HandlerResponse<S extends number = number, B = unknown> {
  readonly status: S;
  readonly body?: B;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One endpoint's handler; the generated `Handlers` interface narrows the type parameters. */
export type Handler<
  P = Record<string, unknown>,
  Q = Record<string, unknown>,
  B = unknown,
  R extends HandlerResponse = HandlerResponse,
  D = ServiceDeps,
> = (req: HandlerRequest<P, Q, B, D>) => Promise<R>;

/** Any handler, whatever its request types: what the host accepts. */
export type AnyHandler = (req: HandlerRequest<any, any, any, any>) => Promise<HandlerResponse>;

/** Handlers by endpoint name. */
export type HandlerMap = Readonly<Record<string, AnyHandler>>;

/** A handlers object: every member a handler. Unlike `HandlerMap` it also admits interfaces (the generated `Handlers`). */
export type HandlersOf<H> = { readonly [K in keyof H]: AnyHandler };

export interface ShutdownOptions {
  /** Finish in-flight requests and stop dependencies within this time (default 10 s). */
  readonly timeoutMs?: number;
  /** Wait after turning not-ready before closing the listener, so load balancers notice (default 0). */
  readonly drainDelayMs?: number;
  /** Shut down on SIGTERM and SIGINT, then exit (default false). */
  readonly signals?: boolean;
  /** Called with the exit code after a signal-triggered shutdown; default `process.exit`. */
  readonly exit?: (code: number) => void;
}

/** Which service of which model to run, and how. */
export interface ServiceDefinition {
  readonly model: Model;
  readonly service: string;
  /** Largest JSON body accepted, in bytes or as `"1mb"` (default 1mb); larger bodies get 413. */
  readonly bodyLimit?: number | string;
  /** Check handler responses against the spec (default true). */
  readonly validateResponses?: boolean;
  /** One info log line per request (default true); failed requests are logged regardless. */
  readonly accessLog?: boolean;
  readonly shutdown?: ShutdownOptions;
  /**
   * Verifies each request's workload signature (`x-archkit-identity`) and that its caller is one
   * the spec declares, before any handler runs: 401 or 403 problem+json otherwise. Without it the
   * service trusts the `x-user-*` headers, as a service behind nothing but the gateway would.
   */
  readonly verifier?: IdentityVerifier;
}
