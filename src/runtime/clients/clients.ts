import { Agent, type Dispatcher } from "undici";
import { CORRELATION_HEADER, currentCorrelation, newCorrelationId } from "../observability/correlation.js";
import { IDENTITY_HEADER, type IdentitySigner } from "../identity/token.js";
import { FORWARDED_HEADERS } from "../service/scope.js";
import { unreachable } from "../service/unreachable.js";
import { attempt, type AttemptSpec } from "./attempt.js";
import { createBreaker, DEFAULT_BREAKER, type Breaker } from "./breaker.js";
import { registerCloser } from "./close.js";
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from "./retry.js";
import { resolveTargets, type Target } from "./targets.js";
import type {
  CallInput,
  CallResult,
  CallSignatures,
  Clients,
  ClientsOptions,
  ExternalCallInput,
  HttpMethod,
} from "./types.js";
import { fillPath } from "../../model/path-template.js";
import { buildUrl } from "./url.js";

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(["GET", "PUT", "DELETE"]);

interface Shared {
  readonly service: string;
  readonly signer?: IdentitySigner;
  readonly dispatcher: Dispatcher;
  readonly retry: RetryPolicy;
  readonly breakers: ReadonlyMap<string, Breaker>;
  readonly externalTimeoutMs: number;
}

/**
 * One function per call the service declares (endpoint and consumer `calls`), nothing else:
 * undici with the target's timeout, retries for idempotent methods, a circuit breaker per
 * provider, the correlation id and the caller's Authorization and identity forwarded (to
 * services only). A status the callee declares below 500 is the result; a 5xx, an undeclared
 * status, a timeout or no connection throws an `UpstreamError`. Asking for an undeclared call
 * throws an error naming the declared ones. `C` is the generated `Calls` type, or call names.
 *
 * @example
 * const clients = createClients<Calls>({ model, service: "orders" });
 * const result = await clients["products.reserveStock"]({ params: { productId }, body: { orderId, quantity: 2 } });
 * if (result.status === 409) return { status: 409, body: result.body };
 */
export function createClients<C extends string | CallSignatures<C> = string, X extends string = never>(
  options: ClientsOptions,
): Clients<C, X> {
  const targets = resolveTargets(options.model, options.service, {
    urls: options.urls,
    env: options.env ?? process.env,
  });
  const breakerPolicy = { ...DEFAULT_BREAKER, ...options.breaker };
  const breakers = new Map(
    [...new Set(targets.map((t) => t.provider))].map((p) => [p, createBreaker(p, breakerPolicy)]),
  );
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 128 });
  const shared: Shared = {
    service: options.service,
    dispatcher,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    breakers,
    externalTimeoutMs: options.externalTimeoutMs ?? 5_000,
    ...(options.signer ? { signer: options.signer } : {}),
  };
  const calls = Object.fromEntries(targets.map((t) => [t.name, callFor(t, shared)]));
  const clients = guard(Object.freeze(calls), options.service);
  registerCloser(clients, async () => {
    for (const breaker of breakers.values()) breaker.shutdown();
    if (!options.dispatcher) await dispatcher.close();
  });
  return clients as unknown as Clients<C, X>;
}

function callFor(target: Target, shared: Shared): (input?: CallInput & ExternalCallInput) => Promise<CallResult> {
  const breaker = shared.breakers.get(target.provider) as Breaker;
  return (input = {}) => {
    const request = signed(target, requestOf(target, input, shared), shared.signer);
    return withRetry(() => breaker.run(target.name, () => attempt(request)), shared.retry, request.idempotent);
  };
}

/** A call to a service, signed as the calling service for the user the current request acts for. */
function signed<R extends AttemptSpec>(target: Target, request: R, signer: IdentitySigner | undefined): R {
  if (!signer || target.kind !== "endpoint") return request;
  const url = new URL(request.url);
  const token = signer.sign({
    audience: target.provider,
    method: request.method,
    path: `${url.pathname}${url.search}`,
    body: request.body,
    user: currentCorrelation()?.user,
  });
  return { ...request, headers: { ...request.headers, [IDENTITY_HEADER]: token } };
}

function requestOf(
  target: Target,
  input: CallInput & ExternalCallInput,
  shared: Shared,
): AttemptSpec & { readonly idempotent: boolean } {
  const body = input.body === undefined ? undefined : JSON.stringify(input.body);
  const headers = headersOf(target, input, shared.service, body !== undefined);
  switch (target.kind) {
    case "endpoint": {
      const { endpoint } = target;
      const url = buildUrl(target.baseUrl, fillPath(endpoint.path, input.params ?? {}, target.name), input.query);
      return {
        call: target.name,
        method: endpoint.method,
        url,
        headers,
        body,
        timeoutMs: input.timeoutMs ?? endpoint.timeoutMs,
        dispatcher: shared.dispatcher,
        answers: { kind: "declared", statuses: target.answers },
        idempotent: endpoint.idempotent,
      };
    }
    case "external": {
      const method = input.method ?? "POST";
      const url = buildUrl(target.baseUrl, input.path ?? "/", input.query);
      return {
        call: target.name,
        method,
        url,
        headers,
        body,
        timeoutMs: input.timeoutMs ?? shared.externalTimeoutMs,
        dispatcher: shared.dispatcher,
        answers: { kind: "below-400" },
        idempotent: IDEMPOTENT.has(method),
      };
    }
    default:
      return unreachable(target);
  }
}

function headersOf(target: Target, input: CallInput, service: string, hasBody: boolean): Record<string, string> {
  const context = currentCorrelation();
  const headers: Record<string, string> = { accept: "application/json", "user-agent": `archkit-runtime (${service})` };
  if (hasBody) headers["content-type"] = "application/json";
  headers[CORRELATION_HEADER] = context?.correlationId ?? newCorrelationId();
  if (target.kind === "endpoint" && context) {
    for (const name of FORWARDED_HEADERS) {
      const value = context.forwardHeaders[name];
      if (value !== undefined) headers[name] = value;
    }
  }
  for (const [name, value] of Object.entries(input.headers ?? {}))
    if (value !== undefined) headers[name] = String(value);
  return headers;
}

/** Undeclared names throw instead of reading as `undefined`. */
function guard<T extends object>(calls: T, service: string): T {
  const declared = Object.keys(calls);
  return new Proxy(calls, {
    get(target, key, receiver) {
      if (typeof key !== "string" || key in target || key === "then" || key === "toJSON")
        return Reflect.get(target, key, receiver) as unknown;
      const list = declared.length > 0 ? declared.join(", ") : "none";
      throw new Error(
        `service ${service} does not declare a call to "${key}"; declared calls: ${list}. Add it to \`calls\` in architecture.yaml.`,
      );
    },
  });
}
