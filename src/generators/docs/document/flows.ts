import { type ComputedModel, flowBudget, kebabCase } from "../../../model/index.js";
import { duration, joinWords } from "../format.js";
import { serviceTitle } from "../lookup.js";
import { budgetNote } from "../mermaid/sequence.js";
import { walkFlow } from "../views/flow-walk.js";
import { table } from "./table.js";
import type { Diagram, Fact, FlowView, StateMachineView } from "./view.js";

export function flowViews(computed: ComputedModel, diagrams: ReadonlyMap<string, Diagram>): FlowView[] {
  const model = computed.model;
  return model.flows.map((flow) => {
    const entry = computed.findEndpoint(flow.entry);
    const actor = flow.actor ? computed.actor(flow.actor)?.title : undefined;
    const facts: Fact[] = [
      ...(actor ? [{ label: "Actor", text: actor }] : []),
      { label: "Entry", text: entry ? `\`${entry.method} ${entry.path}\` (\`${flow.entry}\`)` : `\`${flow.entry}\`` },
      ...(flow.slo.p95 !== undefined ? [{ label: "End-to-end p95", text: duration(flow.slo.p95) }] : []),
      ...(flow.slo.p99 !== undefined ? [{ label: "End-to-end p99", text: duration(flow.slo.p99) }] : []),
      ...(flow.slo.rps !== undefined ? [{ label: "Throughput", text: `${flow.slo.rps} req/s` }] : []),
    ];
    const budget = flowBudget(model, flow);
    return {
      title: flow.title,
      description: flow.description,
      facts,
      steps: flow.steps.map((s) => ({ text: s.text, details: s.details })),
      sequence: diagrams.get(`flow-${kebabCase(flow.id)}`)!,
      budget: {
        head: ["Hop", "Depth", "p95 budget"],
        rows: budget.hops.map((h) => [
          `\`${h.target}\``,
          String(h.depth),
          h.p95 === undefined ? "none" : duration(h.p95),
        ]),
      },
      budgetNote: `${budgetNote(walkFlow(computed, flow))}.`,
    };
  });
}

export function stateMachineViews(computed: ComputedModel, diagrams: ReadonlyMap<string, Diagram>): StateMachineView[] {
  return computed.model.stateMachines.map((m) => {
    const users = computed.usersOfMachine(m.id).map((id) => serviceTitle(computed, id));
    return {
      title: `${m.title} (\`${m.id}\`)`,
      description: m.description,
      facts: [
        { label: "States", text: m.states.map((s) => `\`${s}\``).join(", ") },
        { label: "Initial state", text: `\`${m.initial}\`` },
        ...(m.final.length > 0 ? [{ label: "Final states", text: m.final.map((s) => `\`${s}\``).join(", ") }] : []),
        ...(users.length > 0 ? [{ label: "Driven by", text: joinWords(users) }] : []),
      ],
      diagram: diagrams.get(`state-${kebabCase(m.id)}`)!,
      transitions: table(
        ["Event", "From", "To", "Description"],
        m.transitions.map((t) => [
          `\`${t.on}\``,
          t.from.map((f) => `\`${f}\``).join(", "),
          `\`${t.to}\``,
          t.description ?? "",
        ]),
      ),
    };
  });
}
