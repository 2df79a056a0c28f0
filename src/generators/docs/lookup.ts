import type {
  Actor,
  Call,
  Consumer,
  Endpoint,
  Event,
  External,
  JsonSchema,
  Model,
  NamedSchema,
  SchemaUse,
  Service,
  Store,
} from "../../model/index.js";

/** Name lookups over one model, built once per generation. */
export interface Lookup {
  readonly model: Model;
  service(id: string): Service | undefined;
  endpoint(id: string): Endpoint | undefined;
  event(id: string): Event | undefined;
  store(id: string): Store | undefined;
  external(id: string): External | undefined;
  actor(id: string): Actor | undefined;
  schema(id: string): NamedSchema | undefined;
}

export function createLookup(model: Model): Lookup {
  const services = byId(model.services);
  const endpoints = new Map(model.services.flatMap((s) => s.endpoints.map((e) => [e.id as string, e] as const)));
  const events = byId(model.events);
  const stores = byId(model.stores);
  const externals = byId(model.externals);
  const actors = byId(model.actors);
  const schemas = byId(model.schemas);
  return {
    model,
    service: (id) => services.get(id),
    endpoint: (id) => endpoints.get(id),
    event: (id) => events.get(id),
    store: (id) => stores.get(id),
    external: (id) => externals.get(id),
    actor: (id) => actors.get(id),
    schema: (id) => schemas.get(id),
  };
}

function byId<T extends { readonly id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id as string, item]));
}

/** The title of whatever a call reaches: a service endpoint or an external system. */
export function callTargetTitle(lookup: Lookup, call: Call): string {
  switch (call.kind) {
    case "endpoint":
      return `${lookup.service(call.service)?.title ?? call.service} (${call.endpoint})`;
    case "external":
      return lookup.external(call.external)?.title ?? call.external;
    default: {
      const never: never = call;
      return never;
    }
  }
}

/** Every handler of a service that can call out or publish: endpoints, then consumers. */
export type Handler =
  | { readonly kind: "endpoint"; readonly endpoint: Endpoint }
  | { readonly kind: "consumer"; readonly consumer: Consumer };

export function handlersOf(service: Service): readonly Handler[] {
  return [
    ...service.endpoints.map((endpoint) => ({ kind: "endpoint", endpoint }) as const),
    ...service.consumers.map((consumer) => ({ kind: "consumer", consumer }) as const),
  ];
}

export function handlerName(handler: Handler): string {
  return handler.kind === "endpoint" ? handler.endpoint.name : handler.consumer.handler;
}

export function handlerCalls(handler: Handler): readonly Call[] {
  return handler.kind === "endpoint" ? handler.endpoint.calls : handler.consumer.calls;
}

export function handlerPublishes(handler: Handler): readonly string[] {
  return handler.kind === "endpoint" ? handler.endpoint.publishes : handler.consumer.publishes;
}

/** The schema a use points at, inline or named; undefined for an unknown name. */
export function resolveSchema(lookup: Lookup, use: SchemaUse): JsonSchema | undefined {
  return use.kind === "inline" ? use.schema : lookup.schema(use.name)?.schema;
}

/** A short name for a schema use: the schema's name, or the inline schema's type. */
export function schemaLabel(use: SchemaUse | undefined): string {
  if (!use) return "";
  if (use.kind === "named") return use.name;
  const type = use.schema["type"];
  return typeof type === "string" ? type : "object";
}

/** Successful response of an endpoint: the lowest 2xx status. */
export function successResponse(endpoint: Endpoint): { readonly status: number; readonly label: string } | undefined {
  const ok = [...endpoint.responses]
    .filter((r) => r.status >= 200 && r.status < 300)
    .sort((a, b) => a.status - b.status)[0];
  return ok ? { status: ok.status, label: `${ok.status}${ok.schema ? ` ${schemaLabel(ok.schema)}` : ""}` } : undefined;
}
