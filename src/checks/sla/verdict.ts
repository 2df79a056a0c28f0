import type { LoadSample } from "./load.js";
import type { SlaTarget } from "./targets.js";

/** Latency percentiles in ms, corrected for coordinated omission. */
export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** What a target's run measured. */
export interface Measured {
  readonly offeredRps: number;
  readonly achievedRps: number;
  /** Answers received for requests sent in the window. */
  readonly answered: number;
  readonly latency?: Percentiles;
  /** The same percentiles of the raw response times, without the correction. */
  readonly rawLatency?: Percentiles;
  readonly statuses: Readonly<Record<string, number>>;
  readonly non2xx: number;
  readonly timeouts: number;
  /** Connection errors, timeouts included. */
  readonly connectionErrors: number;
  /** Requests that failed: connection errors, 5xx, and statuses the target does not accept. */
  readonly failed: number;
  /** `failed` in percent of the requests sent. */
  readonly errorRate: number;
}

/** One comparison of a measured figure with its limit. */
export interface Check {
  readonly kind: "latency" | "errors" | "rate";
  /** `p95`, `error rate`, `rate`. */
  readonly name: string;
  readonly measured: number | undefined;
  readonly limit: number;
  readonly pass: boolean;
}

/** The share of the offered rate a run must reach; below it the system could not carry the load. */
export const RATE_FLOOR = 0.9;

/**
 * Measured figures and their checks: each latency budget against the corrected percentile, the
 * error rate against the allowance, the achieved rate against the offered one.
 *
 * @example
 * const { measured, checks } = judge(target, sample);
 * checks.filter((c) => !c.pass) // [{ kind: "latency", name: "p95", measured: 312.4, limit: 25, pass: false }]
 */
export function judge(target: SlaTarget, sample: LoadSample): { measured: Measured; checks: Check[] } {
  const measured = measure(target, sample);
  const checks: Check[] = [];
  for (const name of ["p50", "p95", "p99"] as const) {
    const limit = target.budget[name];
    if (limit === undefined) continue;
    const value = measured.latency?.[name];
    checks.push({ kind: "latency", name, measured: value, limit, pass: value !== undefined && value <= limit });
  }
  checks.push({
    kind: "errors",
    name: "error rate",
    measured: measured.errorRate,
    limit: target.budget.errorRate,
    pass: measured.answered > 0 && measured.errorRate <= target.budget.errorRate,
  });
  const floor = measured.offeredRps * RATE_FLOOR;
  checks.push({
    kind: "rate",
    name: "rate",
    measured: measured.achievedRps,
    limit: round(floor),
    pass: measured.achievedRps >= floor,
  });
  return { measured, checks };
}

function measure(target: SlaTarget, sample: LoadSample): Measured {
  const seconds = sample.durationMs / 1000;
  let answered = 0;
  let non2xx = 0;
  let refused = 0;
  const statuses: Record<string, number> = {};
  for (const [status, count] of [...sample.statuses].sort(([a], [b]) => a - b)) {
    statuses[String(status)] = count;
    answered += count;
    if (status < 200 || status > 299) non2xx += count;
    if (!accepted(target, status)) refused += count;
  }
  const sent = answered + sample.errors;
  const failed = refused + sample.errors;
  return {
    offeredRps: round(sample.offered / seconds),
    achievedRps: round(answered / seconds),
    answered,
    latency: percentiles(sample.corrected),
    rawLatency: percentiles(sample.latencies),
    statuses,
    non2xx,
    timeouts: sample.timeouts,
    connectionErrors: sample.errors,
    failed,
    errorRate: sent === 0 ? 100 : Math.round((failed / sent) * 10_000) / 100,
  };
}

function accepted(target: SlaTarget, status: number): boolean {
  if (target.accept === "2xx") return status >= 200 && status <= 299;
  return status < 500 && target.endpoint.responses.some((r) => r.status === status);
}

/**
 * Nearest-rank percentiles; undefined without values.
 *
 * @example
 * percentiles([1, 2, 3, 4]) // { p50: 2, p90: 4, p95: 4, p99: 4, max: 4 }
 */
export function percentiles(values: readonly number[]): Percentiles | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0);
  return { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1] ?? 0) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
