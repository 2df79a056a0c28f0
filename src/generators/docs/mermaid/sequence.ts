import { mermaidMessage } from "../escape.js";
import { duration } from "../format.js";
import type { CallStep, Delivery, FlowWalk, Step } from "../views/flow-walk.js";
import { ids } from "../views/view.js";
import { unreachable } from "../../../model/errors.js";

/** A flow as a Mermaid sequence diagram: the synchronous chain with each hop's p95 budget, then the event deliveries. */
export function mermaidSequence(walk: FlowWalk): string {
  const lines = ["sequenceDiagram"];
  for (const p of walk.participants)
    lines.push(`  ${p.kind === "actor" ? "actor" : "participant"} ${p.id} as ${mermaidMessage(p.label)}`);
  lines.push(...call(walk.request, "  "));
  const viaGateway = walk.request.to === ids.gateway() ? walk.request.steps.find((s) => s.kind === "call") : undefined;
  const entry = viaGateway?.to ?? walk.request.to;
  lines.push(`  Note over ${walk.request.from},${entry}: ${mermaidMessage(budgetNote(walk))}`);
  if (walk.deliveries.length > 0) lines.push(`  Note over ${ids.queue()}: after the response, asynchronously`);
  for (const group of walk.deliveries) lines.push(...deliveries(group.deliveries));
  return `${lines.join("\n")}\n`;
}

export function budgetNote(walk: FlowWalk): string {
  const chain = `synchronous p95 budget ${duration(walk.syncBudget)}`;
  return walk.flow.slo.p95 === undefined
    ? capital(chain)
    : `${capital(chain)} of the flow's p95 ${duration(walk.flow.slo.p95)}`;
}

function call(step: CallStep, indent: string): string[] {
  const budget = step.budget === undefined ? "" : ` (p95 ${duration(step.budget)})`;
  return [
    `${indent}${step.from}->>+${step.to}: ${mermaidMessage(step.label + budget)}`,
    ...step.steps.flatMap((s) => inner(s, indent)),
    `${indent}${step.to}-->>-${step.from}: ${mermaidMessage(step.reply)}`,
  ];
}

function inner(step: Step, indent: string): string[] {
  switch (step.kind) {
    case "call":
      return call(step, indent);
    case "publish":
      return [`${indent}${step.from}-)${ids.queue()}: ${mermaidMessage(`publish ${step.event}`)}`];
    default: {
      return unreachable(step);
    }
  }
}

/** One consumer plainly; several consumers of an event as a `par` block, since they run independently. */
function deliveries(list: readonly Delivery[]): string[] {
  if (list.length === 1) return deliver(list[0]!, "  ");
  return list
    .flatMap((d, i) => [
      `  ${i === 0 ? "par" : "and"} ${mermaidMessage(`${d.event} to ${d.handler}`)}`,
      ...deliver(d, "    "),
    ])
    .concat("  end");
}

function deliver(d: Delivery, indent: string): string[] {
  return [
    `${indent}${ids.queue()}-)${d.to}: ${mermaidMessage(`${d.event}: ${d.handler}`)}`,
    ...d.steps.flatMap((s) => inner(s, indent)),
  ];
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
