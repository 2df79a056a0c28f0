import type { Model, Service } from "../../model/index.js";

/** What a service's endpoints and consumers call, each list sorted and without repeats. */
export function declaredCalls(service: Service): {
  readonly endpoints: string[];
  readonly services: string[];
  readonly externals: string[];
} {
  const all = [...service.endpoints.flatMap((e) => e.calls), ...service.consumers.flatMap((c) => c.calls)];
  const unique = (names: string[]) => [...new Set(names)].sort();
  return {
    endpoints: unique(all.flatMap((c) => (c.kind === "endpoint" ? [c.target as string] : []))),
    services: unique(all.flatMap((c) => (c.kind === "endpoint" ? [c.service as string] : []))),
    externals: unique(all.flatMap((c) => (c.kind === "external" ? [c.external as string] : []))),
  };
}

export function usesCache(model: Model, service: Service): boolean {
  return model.stores.some((s) => s.kind === "cache" && service.stores.includes(s.id));
}
