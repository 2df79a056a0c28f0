import type { ComputedModel, Model } from "../../../model/index.js";
import { count, joinWords } from "../format.js";
import { serviceTitle } from "../lookup.js";
import { syncEdges } from "../relations.js";
import { queueTechnology } from "../views/view.js";
import type { Fact } from "./view.js";
import { styleName } from "./overview.js";
import { unreachable } from "../../../model/errors.js";

export function architecturalStyle(computed: ComputedModel): { paragraph: string; facts: Fact[] } {
  return { paragraph: styleParagraph(computed.model), facts: styleFacts(computed) };
}

function styleParagraph(model: Model): string {
  const name = `The system follows the ${styleName(model.system.style)} style`;
  switch (model.system.style) {
    case "microservices":
      return `${name}: each service is deployed, scaled and changed on its own, owns its data, and is reached only through its declared endpoints and events.`;
    case "layered":
      return `${name}: requests pass from the clients through the gateway to the services and from there to the data stores, each layer depending only on the one below it.`;
    case "event-driven":
      return `${name}: services announce what happened as domain events and react to the events of others, so most work happens asynchronously.`;
    case "modular-monolith":
      return `${name}: the services are modules with declared interfaces that are developed separately and deployed together.`;
    default: {
      return unreachable(model.system.style);
    }
  }
}

function styleFacts(computed: ComputedModel): Fact[] {
  const model = computed.model;
  const facts: Fact[] = [];
  const routed = computed.routedServices.flatMap((s) => s.publicEndpoints);
  if (model.gateway)
    facts.push({
      label: "Edge",
      text: `one ${model.gateway.title} routes ${count(routed.length, "public endpoint")}; every other endpoint is internal`,
    });
  const calls = syncEdges(computed).filter((e) => e.to.kind === "service");
  if (calls.length > 0) {
    const pairs = calls.map((e) => `${serviceTitle(computed, e.from)} to ${serviceTitle(computed, e.to.id)}`);
    facts.push({
      label: "Synchronous",
      text: `HTTP with JSON on ${count(calls.length, "service-to-service path")} (${joinWords(pairs)})`,
    });
  }
  if (computed.usesEvents) {
    const publishers = computed.services.filter((s) => s.publishes.length > 0).length;
    facts.push({
      label: "Asynchronous",
      text: `${count(model.events.length, "domain event")} on ${queueTechnology(model)} topics, published by ${count(publishers, "service")} and consumed with retries and dead-letter topics`,
    });
  }
  const owned = model.stores.filter((s) => computed.usersOfStore(s.id).length === 1).length;
  if (model.stores.length > 0)
    facts.push({
      label: "Data",
      text: `${count(model.stores.length, "store")}, ${owned === model.stores.length ? "each owned by one service" : `${owned} of them owned by a single service`}`,
    });
  return facts;
}
