import { closest } from "../suggest.js";
import type {
  Call,
  Consumer,
  Endpoint,
  Event,
  EventId,
  SchemaId,
  SchemaUse,
  Service,
  ServiceId,
  Store,
  StoreId,
} from "../model.js";
import type { Flow, Model, NamedSchema, StateMachine } from "../model-system.js";
import { sqlName } from "../naming.js";
import { gatewayNeeds, serviceNeeds } from "./needs.js";
import { endpointSchemaUses, gatewayStatuses } from "./routes.js";
import { ModelLookupError } from "./errors.js";
import type { ComputedHandler, ComputedModel, ComputedService, EndpointCaller, EventProducer } from "./types.js";

const cache = new WeakMap<Model, ComputedModel>();

/**
 * Derive every relation of the model once. The result is cached per model object, so a stage
 * that receives a Model may call this freely.
 *
 * @example
 * const computed = computeModel(model);
 * computed.service("orders").callees; // ["payments", "products"]
 */
export function computeModel(model: Model): ComputedModel {
  const known = cache.get(model);
  if (known) return known;
  const computed = build(model);
  cache.set(model, computed);
  return computed;
}

function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item] as const));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The items of `ids` that `byId` knows, in the order of `order` (their positions in the spec). */
function inSpecOrder<T>(ids: Iterable<string>, byId: ReadonlyMap<string, T>, order: ReadonlyMap<string, number>): T[] {
  return [...new Set(ids)]
    .filter((id) => byId.has(id))
    .sort((a, b) => order.get(a)! - order.get(b)!)
    .map((id) => byId.get(id)!);
}

function positions(items: readonly { readonly id: string }[]): Map<string, number> {
  return new Map(items.map((item, index) => [item.id, index] as const));
}

function sorted<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A handler of a service: an endpoint or a consumer, with what it calls and publishes. */
interface HandlerFacts {
  readonly service: ServiceId;
  readonly handler: string;
  readonly via: "endpoint" | "consumer";
  readonly calls: readonly Call[];
  readonly publishes: readonly EventId[];
}

function handlersOf(service: Service): HandlerFacts[] {
  return computedHandlers(service).map((h) => ({
    service: service.id,
    handler: h.name,
    via: h.kind,
    calls: h.calls,
    publishes: h.publishes,
  }));
}

function computedHandlers(service: Service): ComputedHandler[] {
  return [
    ...service.endpoints.map(
      (endpoint): ComputedHandler => ({
        kind: "endpoint",
        name: endpoint.name,
        endpoint,
        calls: endpoint.calls,
        publishes: endpoint.publishes,
      }),
    ),
    ...service.consumers.map(
      (consumer): ComputedHandler => ({
        kind: "consumer",
        name: consumer.handler,
        consumer,
        calls: consumer.calls,
        publishes: consumer.publishes,
      }),
    ),
  ];
}

function build(model: Model): ComputedModel {
  const endpoints = indexBy(
    model.services.flatMap((s) => s.endpoints),
    (e) => e.id,
  );
  const events = indexBy(model.events, (e) => e.id);
  const handlers = model.services.flatMap(handlersOf);
  const publishers = new Map<string, EventProducer[]>();
  const consumers = new Map<string, Consumer[]>();
  const callers = new Map<string, EndpointCaller[]>();
  const externalCallers = new Map<string, EndpointCaller[]>();
  for (const h of handlers) {
    for (const event of new Set(h.publishes))
      push(publishers, event, { service: h.service, by: h.handler, via: h.via });
    for (const call of h.calls) {
      const caller = { service: h.service, handler: h.handler, via: h.via };
      if (call.kind === "endpoint") push(callers, call.target, caller);
      else push(externalCallers, call.external, caller);
    }
  }
  for (const c of model.services.flatMap((s) => s.consumers)) push(consumers, c.event, c);
  const flowsByService = flowMembership(model, endpoints, consumers);
  const base: Base = {
    model,
    endpoints,
    events,
    publishers,
    consumers,
    callers,
    flowsByService,
    stores: indexBy(model.stores, (s) => s.id),
    schemas: indexBy(model.schemas, (s) => s.id),
    machines: indexBy(model.stateMachines, (m) => m.id),
    order: {
      events: positions(model.events),
      schemas: positions(model.schemas),
      machines: positions(model.stateMachines),
    },
  };
  const services = model.services.map((s) => computeService(base, s));
  return lookups(model, services, base, externalCallers);
}

interface Base {
  readonly model: Model;
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  readonly events: ReadonlyMap<string, Event>;
  readonly publishers: ReadonlyMap<string, readonly EventProducer[]>;
  readonly consumers: ReadonlyMap<string, readonly Consumer[]>;
  readonly callers: ReadonlyMap<string, readonly EndpointCaller[]>;
  readonly flowsByService: ReadonlyMap<string, readonly Flow[]>;
  readonly stores: ReadonlyMap<string, Store>;
  readonly schemas: ReadonlyMap<string, NamedSchema>;
  readonly machines: ReadonlyMap<string, StateMachine>;
  /** Positions in the spec, to keep derived lists in spec order. */
  readonly order: { readonly [K in "events" | "schemas" | "machines"]: ReadonlyMap<string, number> };
}

function computeService(base: Base, service: Service): ComputedService {
  const { model } = base;
  const own = handlersOf(service);
  const seen = new Set<string>();
  const calls = own
    .flatMap((h) => h.calls)
    .filter((c) => {
      const key = c.kind === "endpoint" ? `endpoint:${c.target}` : `external:${c.external}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const callees = sorted(calls.flatMap((c) => (c.kind === "endpoint" && c.service !== service.id ? [c.service] : [])));
  const callers = sorted(
    service.endpoints
      .flatMap((e) => (base.callers.get(e.id) ?? []).map((c) => c.service))
      .filter((s) => s !== service.id),
  );
  const publishes = sorted(own.flatMap((h) => h.publishes));
  const consumes = sorted(service.consumers.map((c) => c.event));
  const touched = new Set<string>([...publishes, ...consumes]);
  const stores = service.stores.flatMap((id) => base.stores.get(id) ?? []);
  const events = inSpecOrder(touched, base.events, base.order.events);
  const partial = {
    id: service.id,
    def: service,
    endpoints: service.endpoints,
    publicEndpoints: service.endpoints.filter((e) => e.public),
    consumers: service.consumers,
    handlers: computedHandlers(service),
    calls,
    callees,
    callers,
    externals: sorted(calls.flatMap((c) => (c.kind === "external" ? [c.external] : []))),
    publishes,
    consumes,
    events,
    stores,
    databaseStores: stores.filter((s) => s.kind === "postgres" || s.kind === "document"),
    postgresStores: stores.filter((s) => s.kind === "postgres"),
    cacheStores: stores.filter((s) => s.kind === "cache"),
    stateMachines: inSpecOrder(service.stateMachines, base.machines, base.order.machines),
    schemas: reachableSchemas(base, [
      ...service.endpoints.flatMap(endpointSchemaUses),
      ...events.map((e) => e.schema),
      ...service.stores.flatMap((id) => storeSchemas(base.stores.get(id))).filter((u) => u !== undefined),
    ]),
    flows: (base.flowsByService.get(service.id) ?? []).map((f) => f.id),
    usesEvents: touched.size > 0,
    issuesTokens: model.gateway?.auth?.issuedBy.includes(service.id) ?? false,
  };
  return { ...partial, needs: serviceNeeds(model, partial) };
}

/** The services each flow passes through: from its entry along calls, and along events to their consumers. */
function flowMembership(
  model: Model,
  endpoints: ReadonlyMap<string, Endpoint>,
  consumers: ReadonlyMap<string, readonly Consumer[]>,
): Map<string, Flow[]> {
  const byService = new Map<string, Flow[]>();
  for (const flow of model.flows) {
    const services = new Set<string>();
    const visited = new Set<string>();
    const walk = (calls: readonly Call[], publishes: readonly EventId[]) => {
      for (const call of calls) {
        const endpoint = call.kind === "endpoint" ? endpoints.get(call.target) : undefined;
        if (endpoint && !visited.has(endpoint.id))
          visit(endpoint.id, endpoint.service, endpoint.calls, endpoint.publishes);
      }
      for (const event of publishes)
        for (const c of consumers.get(event) ?? [])
          visit(`${c.service}.${c.handler}@${event}`, c.service, c.calls, c.publishes);
    };
    const visit = (key: string, service: string, calls: readonly Call[], publishes: readonly EventId[]) => {
      if (visited.has(key)) return;
      visited.add(key);
      services.add(service);
      walk(calls, publishes);
    };
    const entry = endpoints.get(flow.entry);
    if (entry) visit(entry.id, entry.service, entry.calls, entry.publishes);
    for (const service of services) push(byService, service, flow);
  }
  return byService;
}

function lookups(
  model: Model,
  services: readonly ComputedService[],
  base: Base,
  externalCallers: ReadonlyMap<string, readonly EndpointCaller[]>,
): ComputedModel {
  const byId = indexBy(services, (s) => s.id);
  const stores = indexBy(model.stores, (s) => s.id);
  const schemas = indexBy(model.schemas, (s) => s.id);
  const externals = indexBy(model.externals, (x) => x.id);
  const flows = indexBy(model.flows, (f) => f.id);
  const machines = indexBy(model.stateMachines, (m) => m.id);
  const actors = indexBy(model.actors, (a) => a.id);
  const need = <T>(kind: string, map: ReadonlyMap<string, T>, id: string): T => {
    const found = map.get(id);
    if (found === undefined) throw new ModelLookupError(kind, id, closest(id, [...map.keys()]));
    return found;
  };
  const handlers = new Map(services.flatMap((s) => s.handlers.map((h) => [`${s.id}.${h.name}`, h] as const)));
  const calledExternals = new Set(externalCallers.keys());
  const routedServices = services.filter((s) => s.publicEndpoints.length > 0);
  const routes = routedServices.flatMap((s) => s.publicEndpoints);
  const gateway = gatewayNeeds(
    model,
    routedServices.map((s) => s.id),
  );
  return {
    model,
    services,
    endpoints: [...base.endpoints.values()],
    service: (id) => need("service", byId, id),
    findService: (id) => byId.get(id),
    endpoint: (id) => need("endpoint", base.endpoints, id),
    findEndpoint: (id) => base.endpoints.get(id),
    endpointOf: (call) => (call.kind === "endpoint" ? base.endpoints.get(call.target) : undefined),
    event: (id) => need("event", base.events, id),
    findEvent: (id) => base.events.get(id),
    store: (id) => need("store", stores, id),
    schema: (id) => schemas.get(id),
    external: (id) => externals.get(id),
    flow: (id) => need("flow", flows, id),
    stateMachine: (id) => machines.get(id),
    actor: (id) => actors.get(id),
    publishersOf: (event) => base.publishers.get(event) ?? [],
    publishesOf: (service, handler) => need("handler", handlers, `${service}.${handler}`).publishes,
    consumersOf: (event) => base.consumers.get(event) ?? [],
    deadLetterersOf: (event) => (base.consumers.get(event) ?? []).filter((c) => c.deadLetter),
    callersOf: (endpoint) => base.callers.get(endpoint) ?? [],
    answersOf: (endpoint) => need("endpoint", base.endpoints, endpoint).responses.filter((r) => r.status < 500),
    callersOfExternal: (external) => externalCallers.get(external) ?? [],
    flowsThrough: (service) => base.flowsByService.get(service) ?? [],
    usersOfStore: (store) => model.services.filter((s) => s.stores.includes(store as StoreId)).map((s) => s.id),
    usersOfMachine: (machine) =>
      model.services.filter((s) => s.stateMachines.some((m) => m === machine)).map((s) => s.id),
    routes,
    routeSchemas: reachableSchemas(base, routes.flatMap(endpointSchemaUses)),
    gatewayStatusesOf: (endpoint) => gatewayStatuses(model, endpoint),
    gateway: gateway ? { needs: gateway, routed: routedServices } : null,
    routedServices,
    usesEvents: services.some((s) => s.usesEvents),
    calledExternals: model.externals.filter((x) => calledExternals.has(x.id)),
    schemaNames: new Set(schemas.keys()),
    sensitiveFields: sensitiveFields(model),
  };
}

function sensitiveFields(model: Model): string[] {
  const names = new Set<string>();
  for (const store of model.stores) {
    if (store.kind !== "postgres") continue;
    for (const column of store.tables.flatMap((t) => t.columns)) {
      if (!column.sensitive) continue;
      names.add(column.name);
      names.add(sqlName(column.name));
    }
  }
  return [...names].sort();
}

/** The schemas of a store's json columns and document collections. */
function storeSchemas(store: Store | undefined): (SchemaUse | undefined)[] {
  if (store?.kind === "postgres") return store.tables.flatMap((t) => t.columns.map((c) => c.schema));
  if (store?.kind === "document") return store.collections.map((c) => c.schema);
  return [];
}

/** Named schemas reachable from the uses, following `$ref`s, in spec order. */
function reachableSchemas(base: Base, roots: readonly SchemaUse[]): SchemaId[] {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && base.schemas.has(value) && !seen.has(value)) {
        seen.add(value);
        visit(base.schemas.get(value)!.schema);
      } else visit(value);
    }
  };
  for (const use of roots) {
    if (use.kind === "named") visit({ $ref: use.name });
    else visit(use.schema);
  }
  return inSpecOrder(seen, base.schemas, base.order.schemas).map((s) => s.id);
}
