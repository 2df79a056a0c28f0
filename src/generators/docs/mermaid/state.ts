import type { StateMachine } from "../../../model/index.js";
import { mermaidMessage } from "../escape.js";

/** A state machine as a Mermaid `stateDiagram-v2`: initial and final states, one arrow per source state. */
export function mermaidState(machine: StateMachine): string {
  const id = (state: string) => `st_${state}`;
  const lines = ["stateDiagram-v2"];
  for (const state of machine.states) lines.push(`  state "${mermaidMessage(state)}" as ${id(state)}`);
  lines.push(`  [*] --> ${id(machine.initial)}`);
  for (const t of machine.transitions) {
    for (const from of t.from) lines.push(`  ${id(from)} --> ${id(t.to)} : ${mermaidMessage(t.on)}`);
  }
  for (const state of machine.final) lines.push(`  ${id(state)} --> [*]`);
  return `${lines.join("\n")}\n`;
}
