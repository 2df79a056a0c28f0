import type { ComputedModel } from "../../../model/index.js";
import { plantumlLabel } from "../escape.js";
import { count } from "../format.js";
import { externalCallPairs, storeSummary } from "../relations.js";
import { queueTechnology } from "../views/view.js";

/** The deployment view as a PlantUML deployment diagram: ingress, the namespace's workloads, stores and externals. */
export function plantumlDeployment(computed: ComputedModel): string {
  const model = computed.model;
  const lines = [
    "@startuml",
    "skinparam shadowing false",
    "skinparam defaultTextAlignment center",
    "",
    `title ${plantumlLabel(`Deployment of ${model.system.title}`)}`,
    "",
  ];
  const hosts = model.deployment.environments.flatMap((e) =>
    e.ingress ? [`${e.name}: ${e.ingress.host}${e.ingress.tls ? " (TLS)" : ""}`] : [],
  );
  const ingress = hosts.length > 0 && model.gateway !== undefined;
  if (model.actors.length > 0)
    lines.push(`actor "${plantumlLabel(model.actors.map((a) => a.title).join(", "))}" as users`);
  if (ingress) lines.push(`boundary "${["Ingress", ...hosts].map(plantumlLabel).join("\\n")}" as ingress`);
  lines.push(`node "${plantumlLabel(`Kubernetes namespace ${model.deployment.namespace}`)}" as cluster {`);
  if (model.gateway) lines.push(`  node "${plantumlLabel(model.gateway.title)}\\nport ${model.gateway.port}" as gw`);
  for (const s of model.services) {
    const { min, max, targetCpu } = s.scaling;
    lines.push(
      `  node "${plantumlLabel(s.title)}\\n${min} to ${max} pods at ${targetCpu}% CPU\\n${s.resources.cpu} CPU, ${s.resources.memory}" as s_${s.id}`,
    );
  }
  for (const store of model.stores)
    lines.push(`  database "${plantumlLabel(store.title)}\\n${plantumlLabel(storeSummary(store))}" as d_${store.id}`);
  if (computed.usesEvents)
    lines.push(`  queue "${queueTechnology(model)}\\n${count(model.events.length, "topic")}" as q_bus`);
  lines.push("}");
  for (const x of model.externals)
    lines.push(`cloud "${plantumlLabel(x.title)}\\n${x.protocol.toUpperCase()}" as x_${x.id}`);
  lines.push("", ...edges(computed, ingress), "@enduml");
  return `${lines.join("\n")}\n`;
}

function edges(computed: ComputedModel, ingress: boolean): string[] {
  const model = computed.model;
  const lines: string[] = [];
  if (model.gateway) {
    if (model.actors.length > 0) lines.push(`users --> ${ingress ? "ingress" : "gw"} : HTTPS`);
    if (ingress) lines.push("ingress --> gw");
    for (const s of computed.routedServices) lines.push(`gw --> s_${s.id}`);
  }
  for (const s of computed.services) for (const store of s.stores) lines.push(`s_${s.id} --> d_${store.id}`);
  if (computed.usesEvents) for (const s of computed.services) if (s.usesEvents) lines.push(`s_${s.id} ..> q_bus`);
  for (const { service: s, external } of externalCallPairs(computed)) lines.push(`s_${s} --> x_${external}`);
  return lines;
}
