import { setTimeout as sleep } from "node:timers/promises";
import { isTransient, neverSent, UpstreamError } from "./failure.js";

export interface RetryPolicy {
  /** Attempts in all, including the first (default 3). */
  readonly attempts: number;
  /** First backoff; doubles on every retry (default 50 ms). */
  readonly baseDelayMs: number;
  /** Backoff cap (default 1 s). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 50, maxDelayMs: 1_000 };

/**
 * Runs `fn`, again after a jittered exponential backoff while it fails transiently (timeout,
 * unreachable, 502/503/504). Idempotent calls are retried on any transient failure, others only
 * when the connection was refused (the request never left).
 *
 * @example
 * await withRetry(() => attempt(spec), DEFAULT_RETRY, endpoint.idempotent);
 */
export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy, idempotent: boolean): Promise<T> {
  const attempts = Math.max(1, policy.attempts);
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const again =
        error instanceof UpstreamError && isTransient(error.failure) && (idempotent || neverSent(error.failure));
      if (!again || i >= attempts) throw error;
      await sleep(backoff(policy, i));
    }
  }
}

/** Equal jitter: half the exponential delay, plus a random part of the other half. */
function backoff(policy: RetryPolicy, retry: number): number {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return delay / 2 + Math.random() * (delay / 2);
}
