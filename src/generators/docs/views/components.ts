import type { Call, ComputedHandler, ComputedModel, ComputedService } from "../../../model/index.js";
import { joinWords } from "../format.js";
import { gatewayElement, queueElement, storeProtocol } from "./containers.js";
import { ids, type C4View, type ViewElement, type ViewRel } from "./view.js";

/** Level 3 for one service: its endpoint and consumer handlers, data access and outbox, and what they talk to. */
export function componentView(computed: ComputedModel, service: ComputedService): C4View {
  const inside = [...service.handlers.map((h) => handlerElement(service, h)), ...supportElements(service)];
  const title = service.def.title;
  return {
    level: "component",
    title: `Components of ${title}`,
    before: callers(computed, service),
    boundary: { kind: "container", id: ids.service(service.id), label: title, elements: inside },
    after: dependencies(computed, service),
    rels: [
      ...inboundRels(computed, service),
      ...service.handlers.flatMap((h) => outboundRels(service, h)),
      ...supportRels(service),
    ],
  };
}

function handlerElement(service: ComputedService, handler: ComputedHandler): ViewElement {
  const id = ids.component(service.id, handler.name);
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

function supportElements(service: ComputedService): ViewElement[] {
  const elements: ViewElement[] = [];
  if (service.stores.length > 0) {
    const stores = service.stores.map((s) => s.title);
    elements.push({
      kind: "component",
      id: ids.component(service.id, "dataAccess"),
      label: "Data access",
      technology: "Kysely",
      description: `Typed queries and migrations for ${joinWords(stores)}`,
    });
  }
  if (service.publishes.length > 0) {
    elements.push({
      kind: "component",
      id: ids.component(service.id, "outbox"),
      label: "Outbox relay",
      technology: "Transactional outbox",
      description: "Relays events written in a transaction to the queue",
    });
  }
  for (const machine of service.def.stateMachines) {
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
function callers(computed: ComputedModel, service: ComputedService): ViewElement[] {
  const model = computed.model;
  const elements: ViewElement[] = [];
  if (model.gateway && service.publicEndpoints.length > 0) elements.push(gatewayElement(model));
  for (const other of computed.services) if (service.callers.includes(other.id)) elements.push(containerElement(other));
  if (service.consumers.length > 0) elements.push(queueElement(model));
  return elements;
}

function containerElement(service: ComputedService): ViewElement {
  return {
    kind: "container",
    id: ids.service(service.id),
    label: service.def.title,
    technology: service.def.technology,
  };
}

/** Called services, externals, stores and the queue for publishing, drawn after the boundary. */
function dependencies(computed: ComputedModel, service: ComputedService): ViewElement[] {
  const elements: ViewElement[] = [];
  const seen = new Set<string>();
  for (const call of service.calls) {
    const element = callElement(computed, call);
    if (!element || seen.has(element.id)) continue;
    seen.add(element.id);
    elements.push(element);
  }
  for (const store of service.stores)
    elements.push({ kind: "database", id: ids.store(store.id), label: store.title, technology: store.technology });
  if (service.publishes.length > 0 && service.consumers.length === 0) elements.push(queueElement(computed.model));
  return elements;
}

function callElement(computed: ComputedModel, call: Call): ViewElement | undefined {
  if (call.kind === "external") {
    const x = computed.external(call.external);
    return x ? { kind: "external", id: ids.external(x.id), label: x.title, description: x.description } : undefined;
  }
  const target = computed.findService(call.service);
  return target ? containerElement(target) : undefined;
}

function inboundRels(computed: ComputedModel, service: ComputedService): ViewRel[] {
  const rels: ViewRel[] = [];
  for (const e of service.endpoints) {
    const to = ids.component(service.id, e.name);
    if (e.public && computed.model.gateway)
      rels.push({ from: ids.gateway(), to, label: "Routes", technology: "HTTP, JSON", style: "sync", short: "" });
    const calling = new Set(computed.callersOf(e.id).map((c) => c.service));
    for (const other of computed.services) {
      if (other.id !== service.id && calling.has(other.id))
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

function outboundRels(service: ComputedService, handler: ComputedHandler): ViewRel[] {
  const from = ids.component(service.id, handler.name);
  const rels: ViewRel[] = handler.calls.map((call) =>
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
  const events = handler.publishes;
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

function supportRels(service: ComputedService): ViewRel[] {
  const dataAccess = ids.component(service.id, "dataAccess");
  const rels: ViewRel[] = service.stores.map((s) => ({
    from: dataAccess,
    to: ids.store(s.id),
    label: "Reads and writes",
    technology: storeProtocol(s),
    style: "data",
    short: "",
  }));
  if (service.publishes.length > 0)
    rels.push({
      from: ids.component(service.id, "outbox"),
      to: ids.queue(),
      label: "Publishes",
      style: "async",
      short: "",
    });
  return rels;
}
