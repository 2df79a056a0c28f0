import type { Diagnostic } from "../diagnostics.js";
import type { ServiceId } from "../model.js";
import type { Model } from "../model-system.js";
import type { SpecInput } from "../schema/index.js";
import type { Path, RawSpec } from "../source.js";
import { normalizeEvents, normalizeStateMachines, normalizeStores } from "./data.js";
import { Resolver } from "./resolver.js";
import { normalizeSchemas } from "./schemas.js";
import { normalizeService } from "./services.js";
import {
  GATEWAY_PORT,
  normalizeActors,
  normalizeClients,
  normalizeDecisions,
  normalizeDeployment,
  normalizeExternals,
  normalizeFlows,
  normalizeGateway,
  normalizeQuality,
  normalizeSystem,
} from "./system.js";

export interface NormalizeResult {
  readonly model: Model;
  /** Unresolved references and out-of-range values; such references are left out of the model. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Apply every default once and resolve every name. The input has passed the schema check;
 * `pruned` names entries set aside by the schema stage, whose references are not reported again.
 */
export function normalize(spec: SpecInput, raw: RawSpec, pruned: readonly Path[] = []): NormalizeResult {
  const r = new Resolver(spec, raw, pruned);
  const system = normalizeSystem(r);
  const ports = assignPorts(spec);
  const services = Object.entries(spec.services).map(([id, def]) =>
    normalizeService(r, id as ServiceId, def, ports.get(id)!, system.name),
  );
  const model: Model = {
    file: raw.file,
    system,
    actors: normalizeActors(r),
    externals: normalizeExternals(r),
    clients: normalizeClients(r),
    gateway: normalizeGateway(r),
    services,
    events: normalizeEvents(r, services, system.name),
    stores: normalizeStores(r),
    schemas: normalizeSchemas(r),
    flows: normalizeFlows(r),
    stateMachines: normalizeStateMachines(r),
    quality: normalizeQuality(r),
    decisions: normalizeDecisions(r),
    deployment: normalizeDeployment(r, system.name),
    glossary: Object.entries(spec.glossary ?? {}).map(([term, definition]) => ({ term, definition })),
  };
  return { model, diagnostics: r.diagnostics };
}

/** Explicit ports are kept; the others count up from the gateway's port + 1, skipping taken ones. */
function assignPorts(spec: SpecInput): Map<string, number> {
  const gatewayPort = spec.gateway?.port ?? GATEWAY_PORT;
  const taken = new Set<number>([
    gatewayPort,
    ...Object.values(spec.services).flatMap((s) => (s.port === undefined ? [] : [s.port])),
  ]);
  const ports = new Map<string, number>();
  let next = gatewayPort + 1;
  for (const [id, def] of Object.entries(spec.services)) {
    if (def.port !== undefined) {
      ports.set(id, def.port);
      continue;
    }
    while (taken.has(next)) next++;
    ports.set(id, next);
    taken.add(next);
  }
  return ports;
}
