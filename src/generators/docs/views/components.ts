import type { Call, Model, Service } from "../../../model/index.js";
import { joinWords } from "../format.js";
import { handlerCalls, handlerName, handlerPublishes, handlersOf, type Handler } from "../lookup.js";
import { publishedEvents } from "../relations.js";
import { gatewayElement, queueElement, storeProtocol } from "./containers.js";
import { ids, type C4View, type ViewElement, type ViewRel } from "./view.js";

/** Level 3 for one service: its endpoint and consumer handlers, data access and outbox, and what they talk to. */
export function componentView(model: Model, service: Service): C4View {
  const inside = [...handlersOf(service).map((h) => handlerElement(service, h)), ...supportElements(model, service)];
  return {
    level: "component",
    title: `Components of ${service.title}`,
    before: callers(model, service),
    boundary: { kind: "container", id: ids.service(service.id), label: service.title, elements: inside },
    after: dependencies(model, service),
    rels: [
      ...inboundRels(model, service),
      ...handlersOf(service).flatMap((h) => outboundRels(service, h)),
      ...supportRels(model, service),
    ],
  };
}

function handlerElement(service: Service, handler: Handler): ViewElement {
  const id = ids.component(service.id, handlerName(handler));
  if (handler.kind === "endpoint") {
    const e = handler.endpoint;
    return {
      kind: "component",
      id,
      label: e.name,
      technology: `${e.method} ${e.path}`,
      description: e.summary ?? e.description,
    };
  }
  const c = handler.consumer;
  return { kind: "component", id, label: c.handler, technology: `Consumer of ${c.event}`, description: c.description };
}

function supportElements(model: Model, service: Service): ViewElement[] {
  const elements: ViewElement[] = [];
  if (service.stores.length > 0) {
    const stores = service.stores.map((s) => model.stores.find((store) => store.id === s)?.title ?? s);
    elements.push({
      kind: "component",
      id: ids.component(service.id, "dataAccess"),
      label: "Data access",
      technology: "Kysely",
      description: `Typed queries and migrations for ${joinWords(stores)}`,
    });
  }
  if (publishedEvents(service).length > 0) {
    elements.push({
      kind: "component",
      id: ids.component(service.id, "outbox"),
      label: "Outbox relay",
      technology: "Transactional outbox",
      description: "Relays events written in a transaction to the queue",
    });
  }
  for (const machine of service.stateMachines) {
    elements.push({
      kind: "component",
      id: ids.component(service.id, `sm${machine}`),
      label: `${machine} state machine`,
      technology: "Generated transitions",
      description: "Rejects undeclared transitions",
    });
  }
  return elements;
}

/** The gateway and the services that call this one, drawn before the boundary. */
function callers(model: Model, service: Service): ViewElement[] {
  const elements: ViewElement[] = [];
  if (model.gateway && service.endpoints.some((e) => e.public)) elements.push(gatewayElement(model));
  for (const other of model.services) {
    if (
      other.id !== service.id &&
      handlersOf(other).some((h) => handlerCalls(h).some((c) => c.kind === "endpoint" && c.service === service.id))
    ) {
      elements.push({ kind: "container", id: ids.service(other.id), label: other.title, technology: other.technology });
    }
  }
  if (service.consumers.length > 0) elements.push(queueElement(model));
  return elements;
}

/** Called services, externals, stores and the queue for publishing, drawn after the boundary. */
function dependencies(model: Model, service: Service): ViewElement[] {
  const calls = handlersOf(service).flatMap((h) => handlerCalls(h));
  const elements: ViewElement[] = [];
  const seen = new Set<string>();
  for (const call of calls) {
    const element = callElement(model, call);
    if (!element || seen.has(element.id)) continue;
    seen.add(element.id);
    elements.push(element);
  }
  for (const storeId of service.stores) {
    const store = model.stores.find((s) => s.id === storeId);
    if (store)
      elements.push({ kind: "database", id: ids.store(store.id), label: store.title, technology: store.technology });
  }
  if (publishedEvents(service).length > 0 && service.consumers.length === 0) elements.push(queueElement(model));
  return elements;
}

function callElement(model: Model, call: Call): ViewElement | undefined {
  if (call.kind === "external") {
    const x = model.externals.find((e) => e.id === call.external);
    return x ? { kind: "external", id: ids.external(x.id), label: x.title, description: x.description } : undefined;
  }
  const target = model.services.find((s) => s.id === call.service);
  return target
    ? { kind: "container", id: ids.service(target.id), label: target.title, technology: target.technology }
    : undefined;
}

function inboundRels(model: Model, service: Service): ViewRel[] {
  const rels: ViewRel[] = [];
  for (const e of service.endpoints) {
    const to = ids.component(service.id, e.name);
    if (e.public && model.gateway)
      rels.push({ from: ids.gateway(), to, label: "Routes", technology: "HTTP, JSON", style: "sync", short: "" });
    for (const other of model.services) {
      if (other.id === service.id) continue;
      const calling = handlersOf(other).some((h) =>
        handlerCalls(h).some((c) => c.kind === "endpoint" && c.target === e.id),
      );
      if (calling)
        rels.push({
          from: ids.service(other.id),
          to,
          label: "Calls",
          technology: "HTTP, JSON",
          style: "sync",
          short: "",
        });
    }
  }
  for (const c of service.consumers)
    rels.push({
      from: ids.queue(),
      to: ids.component(service.id, c.handler),
      label: `Delivers ${c.event}`,
      style: "async",
      short: c.event,
    });
  return rels;
}

function outboundRels(service: Service, handler: Handler): ViewRel[] {
  const from = ids.component(service.id, handlerName(handler));
  const rels: ViewRel[] = handlerCalls(handler).map((call) =>
    call.kind === "endpoint"
      ? {
          from,
          to: call.service === service.id ? ids.component(service.id, call.endpoint) : ids.service(call.service),
          label: `Calls ${call.endpoint}`,
          technology: "HTTP, JSON",
          style: "sync",
          short: call.endpoint,
        }
      : { from, to: ids.external(call.external), label: "Calls", style: "sync", short: "" },
  );
  const events = handlerPublishes(handler);
  if (events.length > 0)
    rels.push({
      from,
      to: ids.component(service.id, "outbox"),
      label: `Publishes ${joinWords(events)}`,
      style: "async",
      short: joinWords(events),
    });
  return rels;
}

function supportRels(model: Model, service: Service): ViewRel[] {
  const dataAccess = ids.component(service.id, "dataAccess");
  const rels: ViewRel[] = service.stores.map((s) => ({
    from: dataAccess,
    to: ids.store(s),
    label: "Reads and writes",
    technology: storeProtocol(model, s),
    style: "data",
    short: "",
  }));
  if (publishedEvents(service).length > 0)
    rels.push({
      from: ids.component(service.id, "outbox"),
      to: ids.queue(),
      label: "Publishes",
      style: "async",
      short: "",
    });
  return rels;
}
