import type { Model } from "../model/index.js";
import { computeModel, formatDuration } from "../model/index.js";
import { plural } from "./format.js";

/** A short description of what the spec declares, for `validate --summary` and `npm start`. */
export function summarize(model: Model): string {
  const endpoints = model.services.flatMap((s) => s.endpoints);
  const consumers = model.services.flatMap((s) => s.consumers);
  const lines = [
    `${model.system.title} (${model.system.name} ${model.system.version}, ${model.system.style}, ${model.system.status})`,
    `  ${plural(model.services.length, "service")}, ${plural(endpoints.length, "endpoint")} (${endpoints.filter((e) => e.public).length} public), ${plural(consumers.length, "consumer")}`,
    `  ${plural(model.events.length, "event")}, ${plural(model.stores.length, "store")}, ${plural(model.schemas.filter((s) => !s.builtIn).length, "schema")}`,
    `  ${plural(model.flows.length, "flow")}, ${plural(model.stateMachines.length, "state machine")}, ${plural(model.decisions.length, "decision")}`,
  ];
  lines.push("", "  service          port  endpoints  consumers  stores");
  for (const s of model.services) {
    lines.push(
      `  ${s.id.padEnd(16)} ${String(s.port).padStart(5)}  ${String(s.endpoints.length).padStart(9)}  ${String(s.consumers.length).padStart(9)}  ${s.stores.join(", ")}`,
    );
  }
  if (model.gateway)
    lines.push(
      `  ${"gateway".padEnd(16)} ${String(model.gateway.port).padStart(5)}  ${String(computeModel(model).routes.length).padStart(9)}  routes`,
    );
  const q = model.quality;
  const targets = [
    q.latency.p95 === undefined ? undefined : `p95 ${formatDuration(q.latency.p95)}`,
    q.latency.p99 === undefined ? undefined : `p99 ${formatDuration(q.latency.p99)}`,
    q.throughputRps === undefined ? undefined : `${q.throughputRps} rps`,
    q.availability === undefined ? undefined : `${q.availability.target}% available`,
  ].filter((t) => t !== undefined);
  if (targets.length) lines.push("", `  quality targets: ${targets.join(", ")}`);
  return lines.join("\n");
}
