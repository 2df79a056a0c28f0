import type { ComputedModel } from "../../../model/index.js";
import { serviceTitle } from "../lookup.js";
import { count } from "../format.js";
import { flowEdge, flowNode, subgraph } from "./flowchart.js";

/** The event topology left to right: publishing services, topics, consuming services, dead-letter topics. */
export function mermaidTopology(computed: ComputedModel): string {
  const model = computed.model;
  const title = (id: string) => serviceTitle(computed, id);
  const publishers = unique(model.events.flatMap((e) => computed.publishersOf(e.id).map((p) => p.service as string)));
  const consumers = unique(model.events.flatMap((e) => computed.consumersOf(e.id).map((c) => c.service as string)));
  const deadLettered = model.events.filter((e) => computed.deadLetterersOf(e.id).length > 0);
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
    for (const p of computed.publishersOf(e.id)) lines.push(flowEdge(`p_${p.service}`, `t_${e.id}`, p.by));
    for (const c of computed.consumersOf(e.id)) lines.push(flowEdge(`t_${e.id}`, `c_${c.service}`, c.handler));
  }
  for (const e of deadLettered) {
    for (const c of computed.deadLetterersOf(e.id))
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

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
