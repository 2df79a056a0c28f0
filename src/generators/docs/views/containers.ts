import type { ComputedModel, ComputedService, Model, Store } from "../../../model/index.js";
import { count, joinWords } from "../format.js";
import { syncEdges } from "../relations.js";
import { GATEWAY_TECHNOLOGY, queueTechnology, ids, type C4View, type ViewElement, type ViewRel } from "./view.js";

/** Level 2: clients, gateway, services, stores and the message queue inside the system boundary. */
export function containerView(computed: ComputedModel): C4View {
  const model = computed.model;
  const inside: ViewElement[] = [
    ...model.clients.map((c) => member("container", ids.client(c.id), c, c.technology ?? "", "Clients")),
    ...(model.gateway ? [gatewayElement(model)] : []),
    ...model.services.map((s) => member("container", ids.service(s.id), s, s.technology, "Services")),
    ...(computed.usesEvents ? [queueElement(model)] : []),
    ...model.stores.map((s) => member("database", ids.store(s.id), s, s.technology, "Data")),
  ];
  return {
    level: "container",
    title: `Containers of ${model.system.title}`,
    before: model.actors.map((a) => ({
      kind: "person",
      id: ids.actor(a.id),
      label: a.title,
      description: a.description,
    })),
    boundary: { kind: "system", id: ids.system(), label: model.system.title, elements: inside },
    after: model.externals.map((x) => ({
      kind: "external",
      id: ids.external(x.id),
      label: x.title,
      description: x.description,
    })),
    rels: containerRels(computed),
  };
}

/** An element of the model inside the system boundary, in one of its groups (Clients, Services, Data). */
function member(
  kind: "container" | "database",
  id: string,
  entry: { readonly title: string; readonly description?: string },
  technology: string | undefined,
  group: string,
): ViewElement {
  return { kind, id, label: entry.title, technology, description: entry.description, group };
}

export function gatewayElement(model: Model): ViewElement {
  const gateway = model.gateway!;
  const traits = [
    gateway.auth ? "verifies JWTs" : undefined,
    gateway.rateLimit ? "rate limits" : undefined,
    "routes public endpoints",
  ].filter((t) => t !== undefined);
  const description = gateway.description ?? capitalized(joinWords(traits));
  return {
    kind: "container",
    id: ids.gateway(),
    label: gateway.title,
    technology: GATEWAY_TECHNOLOGY,
    description,
    group: "Gateway",
  };
}

export function queueElement(model: Model): ViewElement {
  const description = `${count(model.events.length, "topic")} of domain events, with dead-letter topics`;
  return {
    kind: "queue",
    id: ids.queue(),
    label: "Message queue",
    technology: queueTechnology(model),
    description,
    group: "Messaging",
  };
}

/** Every container-level relationship, in a fixed order: people, clients, gateway, calls, stores, events. */
export function containerRels(computed: ComputedModel): ViewRel[] {
  const model = computed.model;
  return [
    ...model.clients.flatMap((c): ViewRel[] =>
      c.actor ? [{ from: ids.actor(c.actor), to: ids.client(c.id), label: "Uses", style: "uses", short: "" }] : [],
    ),
    ...(model.gateway
      ? model.actors
          .filter((a) => !model.clients.some((c) => c.actor === a.id))
          .map(
            (a): ViewRel => ({
              from: ids.actor(a.id),
              to: ids.gateway(),
              label: "Calls the API",
              technology: "HTTPS, JSON",
              style: "sync",
              short: "HTTPS",
            }),
          )
      : []),
    ...(model.gateway
      ? model.clients.map(
          (c): ViewRel => ({
            from: ids.client(c.id),
            to: ids.gateway(),
            label: "Calls the API",
            technology: "HTTPS, JSON",
            style: "sync",
            short: "HTTPS",
          }),
        )
      : []),
    ...gatewayRels(computed),
    ...callRels(computed),
    ...computed.services.flatMap((s) =>
      s.stores.map(
        (store): ViewRel => ({
          from: ids.service(s.id),
          to: ids.store(store.id),
          label: "Reads and writes",
          technology: storeProtocol(store),
          style: "data",
          short: "",
        }),
      ),
    ),
    ...(computed.usesEvents ? computed.services.flatMap((s) => eventRels(s)) : []),
  ];
}

function gatewayRels(computed: ComputedModel): ViewRel[] {
  if (!computed.model.gateway) return [];
  return computed.routedServices.map((s) => {
    const routes = count(s.publicEndpoints.length, "endpoint");
    return {
      from: ids.gateway(),
      to: ids.service(s.id),
      label: `Routes ${routes}`,
      technology: "HTTP, JSON",
      style: "sync",
      short: routes,
    };
  });
}

function callRels(computed: ComputedModel): ViewRel[] {
  return syncEdges(computed).map((edge): ViewRel => {
    if (edge.to.kind === "service") {
      const label = joinWords(edge.endpoints);
      return {
        from: ids.service(edge.from),
        to: ids.service(edge.to.id),
        label: `Calls ${label}`,
        technology: "HTTP, JSON",
        style: "sync",
        short: label,
      };
    }
    const protocol = (computed.external(edge.to.id)?.protocol ?? "https").toUpperCase();
    const label = `Calls from ${count(edge.via.length, "handler")}`;
    return {
      from: ids.service(edge.from),
      to: ids.external(edge.to.id),
      label,
      technology: protocol,
      style: "sync",
      short: protocol,
    };
  });
}

function eventRels(service: ComputedService): ViewRel[] {
  const published = service.publishes;
  const consumed = service.consumes;
  return [
    ...(published.length > 0
      ? [
          {
            from: ids.service(service.id),
            to: ids.queue(),
            label: `Publishes ${count(published.length, "event")}`,
            style: "async",
            short: "",
          } as const,
        ]
      : []),
    ...(consumed.length > 0
      ? [
          {
            from: ids.queue(),
            to: ids.service(service.id),
            label: `Delivers ${count(consumed.length, "event")}`,
            style: "async",
            short: "",
          } as const,
        ]
      : []),
  ];
}

const STORE_PROTOCOLS = { postgres: "SQL", document: "SQL", cache: "RESP" } as const satisfies Record<
  Store["kind"],
  string
>;

export function storeProtocol(store: Store): string {
  return STORE_PROTOCOLS[store.kind];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
