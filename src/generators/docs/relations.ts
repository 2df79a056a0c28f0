import type { Model, Service, Store } from "../../model/index.js";
import { duration } from "./format.js";
import { handlerCalls, handlerName, handlerPublishes, handlersOf } from "./lookup.js";

/** A synchronous dependency of one service on another service or an external system. */
export interface SyncEdge {
  readonly from: string;
  readonly to: { readonly kind: "service" | "external"; readonly id: string };
  /** The caller's endpoints and consumer handlers that make the call, in spec order. */
  readonly via: readonly string[];
  /** For a service target: the endpoints called, in order of first call. */
  readonly endpoints: readonly string[];
}

/** Service-to-service and service-to-external calls, one edge per pair, in spec order. */
export function syncEdges(model: Model): readonly SyncEdge[] {
  const edges = new Map<string, { from: string; to: SyncEdge["to"]; via: string[]; endpoints: string[] }>();
  for (const service of model.services) {
    for (const handler of handlersOf(service)) {
      for (const call of handlerCalls(handler)) {
        const to =
          call.kind === "endpoint"
            ? ({ kind: "service", id: call.service } as const)
            : ({ kind: "external", id: call.external } as const);
        const key = `${service.id}->${to.kind}:${to.id}`;
        const edge = edges.get(key) ?? { from: service.id, to, via: [], endpoints: [] };
        edges.set(key, edge);
        addOnce(edge.via, handlerName(handler));
        if (call.kind === "endpoint") addOnce(edge.endpoints, call.endpoint);
      }
    }
  }
  return [...edges.values()];
}

/** Events a service publishes, in order of first appearance. */
export function publishedEvents(service: Service): readonly string[] {
  const events: string[] = [];
  for (const handler of handlersOf(service)) for (const event of handlerPublishes(handler)) addOnce(events, event);
  return events;
}

/** Events a service consumes, in spec order. */
export function consumedEvents(service: Service): readonly string[] {
  return service.consumers.map((c) => c.event);
}

/** Services that call externals, per external id. */
export function externalCallers(model: Model): ReadonlyMap<string, readonly string[]> {
  const callers = new Map<string, string[]>();
  for (const edge of syncEdges(model)) {
    if (edge.to.kind !== "external") continue;
    const list = callers.get(edge.to.id) ?? [];
    callers.set(edge.to.id, list);
    addOnce(list, edge.from);
  }
  return callers;
}

/** Whether any service publishes or consumes an event: the system then has a message queue. */
export function usesMessaging(model: Model): boolean {
  return model.events.length > 0 && model.services.some((s) => s.consumers.length > 0 || publishedEvents(s).length > 0);
}

/** Public endpoints of a service, in spec order. */
export function publicEndpoints(service: Service): Service["endpoints"] {
  return service.endpoints.filter((e) => e.public);
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/** One line about a store for deployment views: technology and replication, or the cache's TTL. */
export function storeSummary(store: Store): string {
  switch (store.kind) {
    case "postgres":
    case "document":
      return [store.technology, store.replication].filter((t) => t !== undefined).join(", ");
    case "cache":
      return `${store.technology}, TTL ${duration(store.ttlMs)}`;
    default: {
      const never: never = store;
      return never;
    }
  }
}
