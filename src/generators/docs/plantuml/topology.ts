import type { Model } from "../../../model/index.js";
import { plantumlLabel } from "../escape.js";
import { count } from "../format.js";

/** The event topology as a PlantUML diagram: services, topics as queues, dead-letter topics. */
export function plantumlTopology(model: Model): string {
  const title = (id: string) => model.services.find((s) => s.id === id)?.title ?? id;
  const services = [
    ...new Set(
      model.events.flatMap((e) => [
        ...e.producers.map((p) => p.service as string),
        ...e.consumers.map((c) => c.service as string),
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
  const dead = model.events.filter((e) =>
    model.services.some((s) => s.consumers.some((c) => c.event === e.id && c.deadLetter)),
  );
  for (const e of dead) lines.push(`queue "${plantumlLabel(e.deadLetterTopic)}" as dlq_${e.id} #fde2e1`);
  lines.push("");
  for (const e of model.events) {
    for (const p of e.producers) lines.push(`s_${p.service} --> t_${e.id} : ${plantumlLabel(p.by)}`);
    for (const c of e.consumers) lines.push(`t_${e.id} --> s_${c.service} : ${plantumlLabel(c.handler)}`);
  }
  for (const e of dead) {
    for (const s of model.services) {
      for (const c of s.consumers.filter((c) => c.event === e.id && c.deadLetter))
        lines.push(`s_${s.id} ..> dlq_${e.id} : ${plantumlLabel(`after ${count(c.retries, "retry", "retries")}`)}`);
    }
  }
  lines.push("@enduml");
  return `${lines.join("\n")}\n`;
}
