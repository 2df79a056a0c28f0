import { flowBudget, type Model } from "../../model/index.js";
import type { TargetResult } from "./run.js";

/** One hop of a flow's synchronous chain: its p95 budget and, when this run measured it, its p95. */
export interface ChainHop {
  /** `<service>.<endpoint>` or an external's name. */
  readonly target: string;
  readonly depth: number;
  readonly budgetP95?: number;
  readonly measuredP95?: number;
}

/** The static budget check of a flow (the same sum `archkit validate` checks), next to the measured figures. */
export interface FlowChain {
  readonly flow: string;
  readonly hops: readonly ChainHop[];
  /** Sum of the hops' p95 budgets. */
  readonly total: number;
  readonly sloP95?: number;
  /** The flow's measured p95 end to end, when it ran. */
  readonly measuredP95?: number;
  /** The budgets fit the flow's slo (true when it has none). */
  readonly pass: boolean;
}

/**
 * Each flow's chain of synchronous calls, hop by hop, with the budgets and what was measured.
 *
 * @example
 * flowChains(model, results, []).map((c) => `${c.flow}: ${c.total}ms of ${c.sloP95}ms`) // ["orderProcessing: 145ms of 450ms", ...]
 */
export function flowChains(model: Model, results: readonly TargetResult[], only: readonly string[]): FlowChain[] {
  const measured = (kind: "flow" | "endpoint", name: string) =>
    results.find((r) => r.target.kind === kind && r.target.name === name)?.measured.latency?.p95;
  return model.flows
    .filter((flow) => only.length === 0 || only.includes(flow.id))
    .map((flow) => {
      const budget = flowBudget(model, flow);
      return {
        flow: flow.id,
        hops: budget.hops.map((h) => ({
          target: h.target,
          depth: h.depth,
          budgetP95: h.p95,
          measuredP95: measured("endpoint", h.target),
        })),
        total: budget.total,
        sloP95: flow.slo.p95,
        measuredP95: measured("flow", flow.id),
        pass: flow.slo.p95 === undefined || budget.total <= flow.slo.p95,
      };
    });
}
