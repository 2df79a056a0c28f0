import { duration } from "../format.js";
import type { CallStep, Delivery, FlowWalk, Participant, Step } from "../views/flow-walk.js";
import { GATEWAY_TECHNOLOGY } from "../views/view.js";
import { plantumlLabel } from "../escape.js";
import { quote } from "./c4.js";
import { unreachable } from "../../../model/errors.js";

/** A C4 dynamic view of a flow: the containers it touches, with numbered interactions in order. */
export function plantumlDynamic(walk: FlowWalk): string {
  const lines = [
    "@startuml",
    "!include <C4/C4_Container>",
    "",
    `title ${plantumlLabel(`Dynamic view: ${walk.flow.title}`)}`,
    "",
  ];
  lines.push(...walk.participants.map(participant), "");
  const numbered: string[] = [];
  const add = (from: string, to: string, text: string) =>
    numbered.push(`Rel(${from}, ${to}, ${quote(`${numbered.length + 1}. ${text}`)})`);
  call(walk.request, add);
  for (const group of walk.deliveries) for (const d of group.deliveries) deliver(d, add);
  lines.push(...numbered, "", "LAYOUT_WITH_LEGEND()", "@enduml");
  return `${lines.join("\n")}\n`;
}

type Add = (from: string, to: string, text: string) => void;

function call(step: CallStep, add: Add): void {
  add(step.from, step.to, `${step.label}${step.budget === undefined ? "" : ` (p95 ${duration(step.budget)})`}`);
  for (const s of step.steps) inner(s, add);
}

function inner(step: Step, add: Add): void {
  switch (step.kind) {
    case "call":
      call(step, add);
      return;
    case "publish":
      add(step.from, "q_bus", `publish ${step.event}`);
      return;
    default: {
      return unreachable(step);
    }
  }
}

function deliver(d: Delivery, add: Add): void {
  add("q_bus", d.to, `${d.event} to ${d.handler} (async)`);
  for (const s of d.steps) inner(s, add);
}

function participant(p: Participant): string {
  switch (p.kind) {
    case "actor":
      return `Person(${p.id}, ${quote(p.label)})`;
    case "gateway":
      return `Container(${p.id}, ${quote(p.label)}, ${quote(GATEWAY_TECHNOLOGY)})`;
    case "service":
      return `Container(${p.id}, ${quote(p.label)}, ${quote(p.technology ?? "")})`;
    case "external":
      return `System_Ext(${p.id}, ${quote(p.label)})`;
    case "queue":
      return `Container(${p.id}, ${quote(p.label)}, ${quote(p.technology ?? "")})`;
    default: {
      return unreachable(p.kind);
    }
  }
}
