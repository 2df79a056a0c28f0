/** What one load run measured. */
export interface RunStats {
  readonly name: string;
  readonly requests: number;
  readonly seconds: number;
  readonly errors: number;
  readonly non2xx: number;
  /** Server CPU time (user + system) spent during the run, microseconds. */
  readonly cpuMicros: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/**
 * The value below which `p` percent of the sorted samples fall (nearest rank).
 *
 * @example
 * percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/**
 * Several runs of one server as one: requests and time added, percentiles over all samples.
 *
 * @example
 * merge("runtime", [first, second], samples)
 */
export function merge(
  name: string,
  runs: readonly Omit<RunStats, "p50" | "p95" | "p99" | "name">[],
  samples: number[],
): RunStats {
  const sorted = samples.sort((a, b) => a - b);
  return {
    name,
    requests: runs.reduce((n, r) => n + r.requests, 0),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    cpuMicros: runs.reduce((n, r) => n + r.cpuMicros, 0),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/**
 * A fixed-width table of the runs, the runtime/bare throughput ratio and the server CPU time per
 * request (which the load generator's own limits do not blur).
 *
 * @example
 * console.log(report(runtime, bare, 0.9));
 */
export function report(runtime: RunStats, bare: RunStats, target: number): string {
  const rps = (s: RunStats) => s.requests / s.seconds;
  const cpu = (s: RunStats) => s.cpuMicros / Math.max(1, s.requests);
  const row = (s: RunStats) =>
    [
      s.name.padEnd(8),
      rps(s).toFixed(0).padStart(8),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      `${cpu(s).toFixed(0)}µs`.padStart(9),
      String(s.errors + s.non2xx).padStart(7),
    ].join("  ");
  const ratio = rps(runtime) / rps(bare);
  return [
    ["server  ", "     rps", "     p50", "     p95", "     p99", "  cpu/req", " errors"].join("  "),
    row(bare),
    row(runtime),
    `ratio runtime/bare rps: ${ratio.toFixed(3)} (target >= ${target}) ${ratio >= target ? "OK" : "BELOW TARGET"}`,
    `ratio bare/runtime server CPU per request: ${(cpu(bare) / cpu(runtime)).toFixed(3)}`,
  ].join("\n");
}

function ms(value: number): string {
  return `${value.toFixed(2)}ms`.padStart(8);
}
