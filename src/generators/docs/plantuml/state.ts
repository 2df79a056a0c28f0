import type { StateMachine } from "../../../model/index.js";
import { plantumlLabel } from "../escape.js";

/** A state machine as a PlantUML state diagram. */
export function plantumlState(machine: StateMachine): string {
  const id = (state: string) => `st_${state}`;
  const lines = ["@startuml", "hide empty description", "", `title ${plantumlLabel(machine.title)}`, ""];
  for (const state of machine.states) lines.push(`state "${plantumlLabel(state)}" as ${id(state)}`);
  lines.push(`[*] --> ${id(machine.initial)}`);
  for (const t of machine.transitions)
    for (const from of t.from) lines.push(`${id(from)} --> ${id(t.to)} : ${plantumlLabel(t.on)}`);
  for (const state of machine.final) lines.push(`${id(state)} --> [*]`);
  lines.push("@enduml");
  return `${lines.join("\n")}\n`;
}
