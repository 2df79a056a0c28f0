import type { FlowChain } from "./chains.js";
import type { SlaRun, TargetResult } from "./run.js";
import type { Check } from "./verdict.js";
import { unreachable } from "../../model/errors.js";

/** What the JSON report holds besides the run. */
export interface ReportContext {
  readonly spec: string;
  readonly system: string;
  readonly notes: readonly string[];
}

/**
 * The run as one JSON document (stable key order): settings, per target its request line, budget,
 * measured figures, checks and verdict; skipped targets; the flows' budget chains.
 *
 * @example
 * writeFileSync("sla.json", JSON.stringify(jsonReport(run, context), null, 2));
 */
export function jsonReport(run: SlaRun, context: ReportContext): Record<string, unknown> {
  return {
    archkit: "sla",
    spec: context.spec,
    system: context.system,
    pass: run.pass,
    settings: {
      rate: run.settings.rate,
      durationMs: run.settings.durationMs,
      warmupMs: run.settings.warmupMs,
      connections: run.settings.connections ?? "per target",
    },
    targets: run.results.map((r) => ({
      kind: r.target.kind,
      name: r.target.name,
      request: `${r.target.endpoint.method} ${r.target.endpoint.path}`,
      via: r.target.via,
      accept: r.target.accept,
      budget: r.target.budget,
      specRps: r.target.specRps,
      connections: r.connections,
      measured: r.measured,
      checks: r.checks,
      pass: r.pass,
      failures: failures(r),
    })),
    skipped: run.skipped,
    flowBudgets: run.chains,
    notes: context.notes,
  };
}

/**
 * One line per breach, naming the target and the figure: `orders.getOrder: p95 312.4ms over its 25ms budget`.
 *
 * @example
 * failures(result) // ["flow orderProcessing: error rate 3.2% over the 0.1% allowed"]
 */
export function failures(result: TargetResult): string[] {
  const label = result.target.kind === "flow" ? `flow ${result.target.name}` : result.target.name;
  return result.checks.filter((c) => !c.pass).map((c) => `${label}: ${describeBreach(c, result)}`);
}

function describeBreach(check: Check, result: TargetResult): string {
  switch (check.kind) {
    case "latency":
      return check.measured === undefined
        ? `${check.name}: no answers to measure (budget ${ms(check.limit)})`
        : `${check.name} ${ms(check.measured)} over its ${ms(check.limit)} budget`;
    case "errors": {
      const statuses = Object.entries(result.measured.statuses)
        .map(([s, n]) => `${n}× ${s}`)
        .join(", ");
      const detail = [
        statuses,
        result.measured.connectionErrors > 0
          ? `${result.measured.connectionErrors} connection errors (${result.measured.timeouts} timeouts)`
          : "",
      ]
        .filter((t) => t !== "")
        .join("; ");
      const rateLimited =
        (result.measured.statuses["429"] ?? 0) > 0 ? "; 429 means the gateway's rate limit refused the load" : "";
      return `error rate ${check.measured ?? 100}% over the ${check.limit}% allowed (${detail || "no answers"})${rateLimited}`;
    }
    case "rate":
      return `answered ${check.measured ?? 0} rps of the ${result.measured.offeredRps} offered (needs ${check.limit}): the system did not keep up, so its latencies are understated`;
    default: {
      return unreachable(check.kind);
    }
  }
}

/** The flows whose p95 budgets add up to more than their slo. */
export function chainFailures(chains: readonly FlowChain[]): string[] {
  return chains
    .filter((c) => !c.pass)
    .map(
      (c) =>
        `flow ${c.flow}: its synchronous chain's p95 budgets add up to ${ms(c.total)}, over the flow's slo of ${ms(c.sloP95 ?? 0)}`,
    );
}

/** `12.3ms`, `1.2s` */
export function ms(value: number): string {
  return value >= 1000 ? `${Math.round(value / 10) / 100}s` : `${Math.round(value * 10) / 10}ms`;
}
