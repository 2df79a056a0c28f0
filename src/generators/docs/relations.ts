import type { ComputedModel, Store } from "../../model/index.js";
import { duration } from "./format.js";
import { unreachable } from "../../model/errors.js";

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
export function syncEdges(computed: ComputedModel): readonly SyncEdge[] {
  const edges = new Map<string, { from: string; to: SyncEdge["to"]; via: string[]; endpoints: string[] }>();
  for (const service of computed.services) {
    for (const handler of service.handlers) {
      for (const call of handler.calls) {
        const to =
          call.kind === "endpoint"
            ? ({ kind: "service", id: call.service } as const)
            : ({ kind: "external", id: call.external } as const);
        const key = `${service.id}->${to.kind}:${to.id}`;
        const edge = edges.get(key) ?? { from: service.id, to, via: [], endpoints: [] };
        edges.set(key, edge);
        addOnce(edge.via, handler.name);
        if (call.kind === "endpoint") addOnce(edge.endpoints, call.endpoint);
      }
    }
  }
  return [...edges.values()];
}

/** Each service that calls an external, per external the handlers call, in spec order of the externals. */
export function externalCallPairs(
  computed: ComputedModel,
): readonly { readonly service: string; readonly external: string }[] {
  return computed.calledExternals.flatMap((x) =>
    [...new Set(computed.callersOfExternal(x.id).map((c) => c.service as string))].map((service) => ({
      service,
      external: x.id as string,
    })),
  );
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
      return unreachable(store);
    }
  }
}
