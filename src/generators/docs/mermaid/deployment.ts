import type { ComputedModel, Service } from "../../../model/index.js";
import { count } from "../format.js";
import { externalCallPairs, storeSummary } from "../relations.js";
import { queueTechnology } from "../views/view.js";
import { flowEdge, flowNode, subgraph } from "./flowchart.js";

/** Where everything runs: ingress, the namespace's deployments with their scaling, stores, queue and external systems. */
export function mermaidDeployment(computed: ComputedModel): string {
  const model = computed.model;
  const lines = ["flowchart LR"];
  const hosts = model.deployment.environments.flatMap((env) =>
    env.ingress ? [`${env.name}: ${env.ingress.host}${env.ingress.tls ? " (TLS)" : ""}`] : [],
  );
  const entry = model.gateway ? "gw" : undefined;
  if (model.actors.length > 0)
    lines.push(flowNode({ id: "users", shape: "stadium", lines: [model.actors.map((a) => a.title).join(", ")] }));
  if (hosts.length > 0 && entry)
    lines.push(flowNode({ id: "ingress", shape: "hexagon", lines: ["Ingress", ...hosts] }));
  lines.push(...subgraph("cluster", `Kubernetes namespace ${model.deployment.namespace}`, clusterBody(computed)));
  for (const x of model.externals)
    lines.push(flowNode({ id: `x_${x.id}`, shape: "box", lines: [x.title, `External, ${x.protocol.toUpperCase()}`] }));
  lines.push(...edges(computed, hosts.length > 0 && entry !== undefined));
  return `${lines.join("\n")}\n`;
}

function clusterBody(computed: ComputedModel): string[] {
  const model = computed.model;
  const body: string[] = [];
  if (model.gateway)
    body.push(
      flowNode({
        id: "gw",
        shape: "box",
        lines: [model.gateway.title, "Deployment and Service", `port ${model.gateway.port}`],
      }),
    );
  body.push(
    ...subgraph(
      "workloads",
      "Service deployments",
      model.services.map((s) =>
        flowNode({
          id: `s_${s.id}`,
          shape: "box",
          lines: [s.title, scalingLine(s), `${s.resources.cpu} CPU, ${s.resources.memory} memory`],
        }),
      ),
    ),
  );
  const data = [
    ...model.stores.map((s) => flowNode({ id: `d_${s.id}`, shape: "database", lines: [s.title, storeSummary(s)] })),
    ...(computed.usesEvents
      ? [
          flowNode({
            id: "q_bus",
            shape: "subroutine",
            lines: [queueTechnology(model), `${count(model.events.length, "topic")} and dead-letter topics`],
          }),
        ]
      : []),
  ];
  if (data.length > 0) body.push(...subgraph("infra", "Stateful infrastructure", data));
  return body;
}

function scalingLine(service: Service): string {
  const { min, max, targetCpu } = service.scaling;
  return min === max ? `${count(min, "pod")}` : `${min} to ${max} pods, autoscaled at ${targetCpu}% CPU`;
}

function edges(computed: ComputedModel, ingress: boolean): string[] {
  const model = computed.model;
  const lines: string[] = [];
  if (model.gateway) {
    if (model.actors.length > 0) lines.push(flowEdge("users", ingress ? "ingress" : "gw", "HTTPS"));
    if (ingress) lines.push(flowEdge("ingress", "gw", ""));
    for (const s of computed.routedServices) lines.push(flowEdge("gw", `s_${s.id}`, ""));
  }
  for (const s of computed.services)
    for (const store of s.stores) lines.push(flowEdge(`s_${s.id}`, `d_${store.id}`, "", "thick"));
  if (computed.usesEvents) {
    for (const s of computed.services) if (s.usesEvents) lines.push(flowEdge(`s_${s.id}`, "q_bus", "", "dotted"));
  }
  for (const { service: s, external } of externalCallPairs(computed))
    lines.push(flowEdge(`s_${s}`, `x_${external}`, ""));
  return lines;
}
