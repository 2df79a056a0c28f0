import { HttpProblem, type FieldError } from "../service/problem.js";
import { unreachable } from "../service/unreachable.js";

/** Why a call failed. */
export type Failure =
  | { readonly kind: "status"; readonly status: number }
  /** The provider answered a status below 500 that its spec does not declare for the endpoint. */
  | { readonly kind: "undeclared"; readonly status: number; readonly declared: readonly number[] }
  | { readonly kind: "timeout"; readonly timeoutMs: number }
  | { readonly kind: "network"; readonly code: string }
  /** The caller built a request that cannot be sent (a header value with control characters): its own fault. */
  | { readonly kind: "unsendable"; readonly reason: string }
  | { readonly kind: "circuit-open" };

/**
 * A failed call: an `HttpProblem` (the provider's status, or 502/503/504) that knows why.
 *
 * @example
 * catch (error) { if (error instanceof UpstreamError && error.status === 409) return { status: 409, body: error.toProblem() }; }
 */
export class UpstreamError extends HttpProblem {
  readonly failure: Failure;
  /** The call that failed, e.g. `products.reserveStock`. */
  readonly call: string;

  constructor(
    call: string,
    failure: Failure,
    title?: string,
    detail?: string,
    errors?: readonly FieldError[],
    cause?: unknown,
  ) {
    super(statusOf(failure), title, detail, { errors, cause });
    this.name = "UpstreamError";
    this.call = call;
    this.failure = failure;
  }
}

function statusOf(failure: Failure): number {
  switch (failure.kind) {
    case "status":
      return failure.status;
    case "timeout":
      return 504;
    case "network":
    case "undeclared":
      return 502;
    case "circuit-open":
      return 503;
    case "unsendable":
      return 500;
    default:
      return unreachable(failure);
  }
}

/**
 * Whether trying again may help: timeouts, unreachable providers and 502/503/504 answers. An open
 * circuit is not retried; it fails fast by design.
 *
 * @example
 * if (isTransient(error.failure) && idempotent) retry();
 */
export function isTransient(failure: Failure): boolean {
  switch (failure.kind) {
    case "status":
      return failure.status === 502 || failure.status === 503 || failure.status === 504;
    case "timeout":
    case "network":
      return true;
    case "undeclared":
    case "circuit-open":
    case "unsendable":
      return false;
    default:
      return unreachable(failure);
  }
}

/**
 * Whether the request certainly never reached the provider (the connection was refused), so even
 * a non-idempotent call can be sent again.
 *
 * @example
 * neverSent({ kind: "network", code: "ECONNREFUSED" }) // true
 */
export function neverSent(failure: Failure): boolean {
  return failure.kind === "network" && failure.code === "ECONNREFUSED";
}

/**
 * Whether a failure says something about the provider's health (counts for its circuit breaker):
 * 5xx, timeouts and unreachable do; an external's 4xx and an undeclared status do not (the
 * provider answered). Declared answers are results, not failures, and never reach this.
 *
 * @example
 * countsAgainstProvider(new UpstreamError("mailer", { kind: "status", status: 404 })) // false
 */
export function countsAgainstProvider(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return true;
  switch (error.failure.kind) {
    case "status":
      return error.failure.status >= 500;
    case "undeclared":
    case "unsendable":
      return false;
    case "timeout":
    case "network":
    case "circuit-open":
      return true;
    default:
      return unreachable(error.failure);
  }
}
