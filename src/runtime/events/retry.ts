import { ArchkitError } from "../../model/errors.js";
/** Longest single wait between two attempts. */
const MAX_DELAY_MS = 60_000;

/**
 * The wait before retry number `retry` (1-based): `baseMs`, then doubled each time, at most a minute.
 *
 * @example
 * [1, 2, 3].map((retry) => backoffDelay(100, retry)); // [100, 200, 400]
 */
export function backoffDelay(baseMs: number, retry: number): number {
  return Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, retry - 1));
}

/** Thrown when the bus stops during a delivery: the event is left unacknowledged so it is delivered again. */
export class StoppingError extends ArchkitError {
  override readonly name = "StoppingError";
  override readonly code = "bus-stopping";
  override readonly exitCode = 2;
  constructor() {
    super("the event bus is stopping; the event will be delivered again");
  }
}

/** Waits `ms`, or rejects with `StoppingError` as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new StoppingError());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new StoppingError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
