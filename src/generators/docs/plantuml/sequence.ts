import { plantumlLabel } from "../escape.js";
import { duration } from "../format.js";
import { budgetNote } from "../mermaid/sequence.js";
import type { CallStep, Delivery, FlowWalk, Participant, Step } from "../views/flow-walk.js";
import { ids } from "../views/view.js";
import { unreachable } from "../../../model/errors.js";

/** A flow as a PlantUML sequence diagram, step for step the same as the Mermaid one. */
export function plantumlSequence(walk: FlowWalk): string {
  const lines = [
    "@startuml",
    "skinparam shadowing false",
    "autoactivate on",
    "",
    `title ${plantumlLabel(walk.flow.title)}`,
    "",
  ];
  lines.push(...walk.participants.map(participant), "");
  lines.push(...call(walk.request));
  lines.push(`note over ${walk.request.from}: ${plantumlLabel(budgetNote(walk))}`);
  if (walk.deliveries.length > 0) lines.push(`== ${plantumlLabel("After the response, asynchronously")} ==`);
  for (const group of walk.deliveries) lines.push(...deliveries(group.deliveries));
  lines.push("@enduml");
  return `${lines.join("\n")}\n`;
}

function participant(p: Participant): string {
  const keyword = p.kind === "actor" ? "actor" : p.kind === "queue" ? "queue" : "participant";
  return `${keyword} "${plantumlLabel(p.label)}" as ${p.id}`;
}

function call(step: CallStep): string[] {
  const budget = step.budget === undefined ? "" : ` (p95 ${duration(step.budget)})`;
  return [
    `${step.from} -> ${step.to} : ${plantumlLabel(step.label + budget)}`,
    ...step.steps.flatMap(inner),
    `return ${plantumlLabel(step.reply)}`,
  ];
}

function inner(step: Step): string[] {
  switch (step.kind) {
    case "call":
      return call(step);
    case "publish":
      return [
        `${step.from} ->> ${ids.queue()} ++ : ${plantumlLabel(`publish ${step.event}`)}`,
        `deactivate ${ids.queue()}`,
      ];
    default: {
      return unreachable(step);
    }
  }
}

function deliveries(list: readonly Delivery[]): string[] {
  if (list.length === 1) return deliver(list[0]!);
  return [
    ...list.flatMap((d, i) => [
      `${i === 0 ? "par" : "else"} ${plantumlLabel(`${d.event} to ${d.handler}`)}`,
      ...deliver(d),
    ]),
    "end",
  ];
}

function deliver(d: Delivery): string[] {
  return [
    `${ids.queue()} ->> ${d.to} ++ : ${plantumlLabel(`${d.event}: ${d.handler}`)}`,
    ...d.steps.flatMap(inner),
    `deactivate ${d.to}`,
  ];
}
