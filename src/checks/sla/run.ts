import type { Model } from "../../model/index.js";
import { flowChains, type FlowChain } from "./chains.js";
import { drive } from "./load.js";
import { planTargets, type Access, type SkippedTarget, type SlaTarget } from "./targets.js";
import { judge, type Check, type Measured } from "./verdict.js";

export interface SlaSettings {
  /** Requests per second per target. */
  readonly rate: number;
  readonly durationMs: number;
  /** Load before the measured window, not counted. */
  readonly warmupMs: number;
  /** Connections per target; default enough for the rate at twice the target's p95 budget. */
  readonly connections?: number;
  /** Flow and endpoint names to run; empty runs all. */
  readonly only: readonly string[];
}

export interface TargetResult {
  readonly target: SlaTarget;
  readonly connections: number;
  readonly measured: Measured;
  readonly checks: readonly Check[];
  readonly pass: boolean;
}

export interface SlaRun {
  readonly settings: SlaSettings;
  readonly results: readonly TargetResult[];
  readonly skipped: readonly SkippedTarget[];
  readonly chains: readonly FlowChain[];
  /** Every target met its budgets and every flow's budgets fit its slo. */
  readonly pass: boolean;
}

/** Called before each target's warm-up and after its measurement. */
export type SlaProgress = (
  event:
    | { readonly kind: "start"; readonly target: SlaTarget; readonly index: number; readonly total: number }
    | { readonly kind: "done"; readonly result: TargetResult },
) => void;

/**
 * Loads each target in turn (warm-up, then the measured window) and judges it against its budgets.
 *
 * @example
 * const run = await runSla(model, access, { rate: 20, durationMs: 10_000, warmupMs: 2_000, only: [] });
 * process.exitCode = run.pass ? 0 : 1;
 */
export async function runSla(
  model: Model,
  access: Access,
  settings: SlaSettings,
  progress: SlaProgress = () => undefined,
): Promise<SlaRun> {
  const { targets, skipped } = await planTargets(model, access, settings.only);
  const results: TargetResult[] = [];
  for (const [index, target] of targets.entries()) {
    progress({ kind: "start", target, index, total: targets.length });
    const result = await runTarget(target, settings);
    results.push(result);
    progress({ kind: "done", result });
  }
  const chains = flowChains(model, results, settings.only);
  return { settings, results, skipped, chains, pass: results.every((r) => r.pass) && chains.every((c) => c.pass) };
}

/**
 * One target: warm-up (not counted), then the measured window at the fixed rate.
 *
 * @example
 * const result = await runTarget(target, { rate: 50, durationMs: 5_000, warmupMs: 1_000, only: [] });
 */
export async function runTarget(target: SlaTarget, settings: Omit<SlaSettings, "only">): Promise<TargetResult> {
  const connections = settings.connections ?? defaultConnections(target, settings.rate);
  const shape = { rate: settings.rate, connections };
  if (settings.warmupMs > 0) await drive(target.request, { ...shape, durationMs: settings.warmupMs, grace: false });
  const sample = await drive(target.request, { ...shape, durationMs: settings.durationMs });
  const { measured, checks } = judge(target, sample);
  return { target, connections, measured, checks, pass: checks.every((c) => c.pass) };
}

/** Enough connections that answers at twice the p95 budget still keep the rate (at least one per lane). */
export function defaultConnections(target: SlaTarget, rate: number): number {
  const budget = target.budget.p95 ?? target.budget.p99 ?? target.budget.p50 ?? 100;
  return Math.max(Math.min(rate, 10), Math.ceil((rate * 2 * budget) / 1000));
}
