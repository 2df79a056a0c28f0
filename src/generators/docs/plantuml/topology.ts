import type { ComputedModel } from "../../../model/index.js";
import { serviceTitle } from "../lookup.js";
import { plantumlLabel } from "../escape.js";
import { count } from "../format.js";

/** The event topology as a PlantUML diagram: services, topics as queues, dead-letter topics. */
export function plantumlTopology(computed: ComputedModel): string {
  const model = computed.model;
  const title = (id: string) => serviceTitle(computed, id);
  const services = [
    ...new Set(
      model.events.flatMap((e) => [
        ...computed.publishersOf(e.id).map((p) => p.service as string),
        ...computed.consumersOf(e.id).map((c) => c.service as string),
      ]),
    ),
  ];
  const lines = [
    "@startuml",
    "left to right direction",
    "skinparam shadowing false",
    "",
    `title ${plantumlLabel(`Event topology of ${model.system.title}`)}`,
    "",
  ];
  for (const s of services) lines.push(`component "${plantumlLabel(title(s))}" as s_${s}`);
  for (const e of model.events) lines.push(`queue "${plantumlLabel(`${e.id}\\n${e.topic}`)}" as t_${e.id}`);
  const dead = model.events.filter((e) => computed.deadLetterersOf(e.id).length > 0);
  for (const e of dead) lines.push(`queue "${plantumlLabel(e.deadLetterTopic)}" as dlq_${e.id} #fde2e1`);
  lines.push("");
  for (const e of model.events) {
    for (const p of computed.publishersOf(e.id)) lines.push(`s_${p.service} --> t_${e.id} : ${plantumlLabel(p.by)}`);
    for (const c of computed.consumersOf(e.id))
      lines.push(`t_${e.id} --> s_${c.service} : ${plantumlLabel(c.handler)}`);
  }
  for (const e of dead) {
    for (const c of computed.deadLetterersOf(e.id))
      lines.push(`s_${c.service} ..> dlq_${e.id} : ${plantumlLabel(`after ${count(c.retries, "retry", "retries")}`)}`);
  }
  lines.push("@enduml");
  return `${lines.join("\n")}\n`;
}
