import type { Model } from "../../../model/index.js";
import { count } from "../format.js";
import { flowEdge, flowNode, subgraph } from "./flowchart.js";

/** The event topology left to right: publishing services, topics, consuming services, dead-letter topics. */
export function mermaidTopology(model: Model): string {
  const title = (id: string) => model.services.find((s) => s.id === id)?.title ?? id;
  const publishers = unique(model.events.flatMap((e) => e.producers.map((p) => p.service as string)));
  const consumers = unique(model.events.flatMap((e) => e.consumers.map((c) => c.service as string)));
  const deadLettered = model.events.filter((e) => deadLetterConsumers(model, e.id).length > 0);
  const lines = ["flowchart LR"];
  lines.push(
    ...subgraph(
      "publishers",
      "Publishers",
      publishers.map((s) => flowNode({ id: `p_${s}`, shape: "box", lines: [title(s)] })),
    ),
  );
  lines.push(
    ...subgraph(
      "topics",
      "Topics",
      model.events.map((e) =>
        flowNode({ id: `t_${e.id}`, shape: "queue", lines: [e.id, e.topic, `${count(e.partitions, "partition")}`] }),
      ),
    ),
  );
  lines.push(
    ...subgraph(
      "consumers",
      "Consumers",
      consumers.map((s) => flowNode({ id: `c_${s}`, shape: "box", lines: [title(s)] })),
    ),
  );
  if (deadLettered.length > 0) {
    lines.push(
      ...subgraph(
        "dlq",
        "Dead-letter topics",
        deadLettered.map((e) => flowNode({ id: `dlq_${e.id}`, shape: "queue", lines: [e.deadLetterTopic] })),
      ),
    );
  }
  for (const e of model.events) {
    for (const p of e.producers) lines.push(flowEdge(`p_${p.service}`, `t_${e.id}`, p.by));
    for (const c of e.consumers) lines.push(flowEdge(`t_${e.id}`, `c_${c.service}`, c.handler));
  }
  for (const e of deadLettered) {
    for (const c of deadLetterConsumers(model, e.id))
      lines.push(
        flowEdge(
          `c_${c.service}`,
          `dlq_${e.id}`,
          `${c.handler} after ${count(c.retries, "retry", "retries")}`,
          "dotted",
        ),
      );
  }
  if (deadLettered.length > 0) {
    lines.push(
      "  classDef dead fill:#fde2e1,stroke:#c0392b,color:#000",
      `  class ${deadLettered.map((e) => `dlq_${e.id}`).join(",")} dead`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function deadLetterConsumers(model: Model, event: string) {
  return model.services.flatMap((s) => s.consumers.filter((c) => c.event === event && c.deadLetter));
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
