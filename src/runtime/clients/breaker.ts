import CircuitBreaker from "opossum";
import { countsAgainstProvider, UpstreamError } from "./failure.js";

export interface BreakerPolicy {
  /** Percentage of failed calls in the window that opens the circuit (default 50). */
  readonly errorThresholdPercentage: number;
  /** Calls in the window before the circuit may open (default 5). */
  readonly volumeThreshold: number;
  /** Time the circuit stays open before a trial call (default 10 s). */
  readonly resetTimeoutMs: number;
  /** Length of the statistics window (default 10 s). */
  readonly rollingWindowMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 10_000,
  rollingWindowMs: 10_000,
};

/** A circuit breaker for one provider; every attempt to it runs through `run`. */
export interface Breaker {
  run<T>(call: string, fn: () => Promise<T>): Promise<T>;
  readonly isOpen: boolean;
  shutdown(): void;
}

type Job = () => Promise<unknown>;

/**
 * An opossum circuit breaker: provider failures (5xx, timeouts, unreachable) count, 4xx answers
 * do not. While open, calls fail at once with a 503 `UpstreamError`.
 *
 * @example
 * const breaker = createBreaker("products", DEFAULT_BREAKER);
 * await breaker.run("products.getProduct", () => attempt(spec));
 */
export function createBreaker(provider: string, policy: BreakerPolicy): Breaker {
  const circuit = new CircuitBreaker<[Job], unknown>((job: Job) => job(), {
    name: provider,
    timeout: false,
    errorThresholdPercentage: policy.errorThresholdPercentage,
    volumeThreshold: policy.volumeThreshold,
    resetTimeout: policy.resetTimeoutMs,
    rollingCountTimeout: policy.rollingWindowMs,
    errorFilter: (error: unknown) => !countsAgainstProvider(error),
  });
  return {
    async run<T>(call: string, fn: () => Promise<T>): Promise<T> {
      try {
        return (await circuit.fire(fn)) as T;
      } catch (error) {
        if (isOpenCircuit(error)) {
          throw new UpstreamError(
            call,
            { kind: "circuit-open" },
            "Service Unavailable",
            `${provider} is failing; its circuit is open`,
            undefined,
            error,
          );
        }
        throw error;
      }
    },
    get isOpen() {
      return circuit.opened;
    },
    shutdown: () => circuit.shutdown(),
  };
}

function isOpenCircuit(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "EOPENBREAKER";
}
