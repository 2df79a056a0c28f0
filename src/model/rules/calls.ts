import type { EndpointId, Endpoint } from "../model.js";
import type { Flow, Model } from "../model-system.js";
import { formatDuration } from "../units.js";
import type { Rule } from "./context.js";
import { computeModel } from "../computed/index.js";

/** Cycles among synchronous endpoint calls; each cycle is reported once, at the call that closes it. */
export const callCycle: Rule = {
  name: "call-cycle",
  check({ model, report }) {
    const endpoints = endpointIndex(model);
    const state = new Map<EndpointId, "active" | "done">();
    const stack: EndpointId[] = [];
    const visit = (id: EndpointId) => {
      state.set(id, "active");
      stack.push(id);
      for (const call of endpoints.get(id)?.calls ?? []) {
        if (call.kind !== "endpoint") continue;
        const seen = state.get(call.target);
        if (seen === "active") {
          const cycle = [...stack.slice(stack.indexOf(call.target)), call.target];
          report("callCycle", call.source, {
            message: `synchronous call cycle: ${cycle.join(" -> ")}`,
            hint: "break the cycle with an event, or move the shared logic into one service",
          });
        } else if (seen === undefined) visit(call.target);
      }
      stack.pop();
      state.set(id, "done");
    };
    for (const id of endpoints.keys()) if (!state.has(id)) visit(id);
  },
};

export interface BudgetHop {
  /** `<service>.<endpoint>` or an external's name. */
  readonly target: string;
  readonly depth: number;
  /** The hop's own p95 budget in ms; undefined when it has none. */
  readonly p95?: number;
}

export interface FlowBudget {
  readonly flow: Flow;
  readonly hops: readonly BudgetHop[];
  /** Sum of the hops' p95 budgets (the calls are sequential). */
  readonly total: number;
  readonly unbudgeted: readonly string[];
}

/** The synchronous chain a flow triggers, hop by hop, with the p95 budget of each. */
export function flowBudget(model: Model, flow: Flow): FlowBudget {
  const endpoints = endpointIndex(model);
  const externals = new Map(model.externals.map((e) => [e.id as string, e]));
  const hops: BudgetHop[] = [];
  const walk = (id: EndpointId, depth: number, path: ReadonlySet<EndpointId>) => {
    const endpoint = endpoints.get(id);
    hops.push({ target: id, depth, p95: endpoint?.latency.p95 });
    for (const call of endpoint?.calls ?? []) {
      if (call.kind === "external")
        hops.push({ target: call.external, depth: depth + 1, p95: externals.get(call.external)?.latency.p95 });
      else if (!path.has(call.target)) walk(call.target, depth + 1, new Set([...path, call.target]));
    }
  };
  walk(flow.entry, 0, new Set([flow.entry]));
  return {
    flow,
    hops,
    total: hops.reduce((sum, h) => sum + (h.p95 ?? 0), 0),
    unbudgeted: hops.filter((h) => h.p95 === undefined && endpoints.has(h.target as EndpointId)).map((h) => h.target),
  };
}

export const flowBudgetExceeded: Rule = {
  name: "flow-budget-exceeded",
  check({ model, report }) {
    for (const flow of model.flows) {
      if (flow.slo.p95 === undefined) continue;
      const budget = flowBudget(model, flow);
      if (budget.total <= flow.slo.p95) continue;
      const chain = budget.hops
        .map((h) => `${"  ".repeat(h.depth)}${h.target} ${h.p95 === undefined ? "(no budget)" : formatDuration(h.p95)}`)
        .join("; ");
      report("flowBudget", [...flow.source, "slo", "p95"], {
        message: `flow \`${flow.id}\` allows p95 ${formatDuration(flow.slo.p95)} but its synchronous chain adds up to ${formatDuration(budget.total)}: ${chain}`,
        hint: "lower the endpoints' latency budgets, make a call asynchronous, or raise the flow's slo",
      });
    }
  },
};

function endpointIndex(model: Model): ReadonlyMap<EndpointId, Endpoint> {
  return new Map(computeModel(model).endpoints.map((e) => [e.id, e] as const));
}
