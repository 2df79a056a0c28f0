import type { FlowChain } from "./chains.js";
import { chainFailures, failures, ms } from "./report.js";
import type { SlaRun, TargetResult } from "./run.js";

/** Text styling; the CLI passes picocolors or identity functions. */
export interface Paint {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const HEADINGS = ["target", "via", "rps", "p50", "p90", "p95", "p99", "max", "errors", "non-2xx", "timeouts", ""];

/**
 * The terminal report: one row per target (latencies as `measured/budget` in ms, rps as
 * `achieved/offered`), the breaches, skipped targets, and each flow's budget chain hop by hop.
 *
 * @example
 * for (const line of renderTable(run, paint)) io.out(line);
 */
export function renderTable(run: SlaRun, paint: Paint): string[] {
  const rows = run.results.map((r) => row(r));
  const widths = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((cells) => (cells[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const out = [
    paint.bold(line(HEADINGS)),
    ...rows.map((cells, i) => colour(line(cells), run.results[i]?.pass ?? false, paint)),
  ];
  const breaches = [...run.results.flatMap(failures), ...chainFailures(run.chains)];
  if (breaches.length > 0) out.push("", ...breaches.map((b) => paint.red(`✖ ${b}`)));
  for (const skipped of run.skipped)
    out.push(paint.dim(`- skipped ${skipped.kind === "flow" ? "flow " : ""}${skipped.name}: ${skipped.reason}`));
  for (const chain of run.chains) out.push("", ...chainLines(chain, paint));
  return out;
}

function row(result: TargetResult): string[] {
  const { measured, target } = result;
  const latency = (name: "p50" | "p90" | "p95" | "p99" | "max") => {
    const value = measured.latency?.[name];
    const limit = name === "p50" || name === "p95" || name === "p99" ? target.budget[name] : undefined;
    const shown = value === undefined ? "-" : String(value);
    return limit === undefined ? shown : `${shown}/${limit}`;
  };
  return [
    target.kind === "flow" ? `flow ${target.name}` : target.name,
    target.via,
    `${measured.achievedRps}/${measured.offeredRps}`,
    latency("p50"),
    latency("p90"),
    latency("p95"),
    latency("p99"),
    latency("max"),
    `${measured.errorRate}%/${target.budget.errorRate}%`,
    String(measured.non2xx),
    String(measured.timeouts),
    result.pass ? "✔" : "✖",
  ];
}

function colour(text: string, pass: boolean, paint: Paint): string {
  return pass ? text : paint.red(text);
}

function chainLines(chain: FlowChain, paint: Paint): string[] {
  const verdict = chain.pass ? paint.green("✔") : paint.red("✖");
  const slo = chain.sloP95 === undefined ? "no p95 slo" : `slo p95 ${ms(chain.sloP95)}`;
  const measured = chain.measuredP95 === undefined ? "" : `; measured end to end ${ms(chain.measuredP95)}`;
  const lines = [
    `${verdict} flow ${chain.flow}: p95 budgets along its synchronous chain add up to ${ms(chain.total)}, ${slo}${measured}`,
  ];
  const width = Math.max(...chain.hops.map((h) => h.depth * 2 + h.target.length));
  for (const hop of chain.hops) {
    const name = `${"  ".repeat(hop.depth)}${hop.target}`.padEnd(width);
    const budget = hop.budgetP95 === undefined ? "no budget" : `budget ${ms(hop.budgetP95)}`;
    const measuredHop = hop.measuredP95 === undefined ? "" : `  measured ${ms(hop.measuredP95)}`;
    lines.push(paint.dim(`    ${name}  ${budget}${measuredHop}`));
  }
  return lines;
}
