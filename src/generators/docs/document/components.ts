import { type ComputedModel, type ComputedService, kebabCase } from "../../../model/index.js";
import { authText, count, duration, joinWords, latencyText, sloText } from "../format.js";
import { docsPaths } from "../paths.js";
import { callTargetTitle } from "../lookup.js";
import { GATEWAY_TECHNOLOGY, queueTechnology } from "../views/view.js";
import { table } from "./table.js";
import type { ComponentsView, Diagram, Fact, ServiceView, Table } from "./view.js";

/** The layers of seed 000's "High-Level Components", filled from the model. */
export function layers(computed: ComputedModel): Fact[] {
  const model = computed.model;
  const layers: Fact[] = [];
  if (model.clients.length > 0)
    layers.push({ label: "Client layer", text: "", items: model.clients.map((c) => withTech(c.title, c.technology)) });
  if (model.gateway)
    layers.push({ label: `API gateway layer (${model.gateway.title})`, text: "", items: gatewayDuties(computed) });
  layers.push({ label: "Service layer", text: "", items: model.services.map((s) => s.title) });
  const data = [
    ...model.stores.map((s) => withTech(s.title, s.technology)),
    ...(computed.usesEvents ? [withTech("Message queue", queueTechnology(model))] : []),
  ];
  if (data.length > 0) layers.push({ label: "Data layer", text: "", items: data });
  if (model.externals.length > 0)
    layers.push({
      label: "External integrations",
      text: "",
      items: model.externals.map((x) => withTech(x.title, x.protocol.toUpperCase())),
    });
  return layers;
}

function withTech(title: string, technology: string | undefined): string {
  return technology ? `${title} (${technology})` : title;
}

function gatewayDuties(computed: ComputedModel): string[] {
  const g = computed.model.gateway!;
  const routes = computed.routedServices.flatMap((s) => s.publicEndpoints).length;
  return [
    `Request routing (${count(routes, "public endpoint")})`,
    ...(g.auth ? ["Authentication and authorization (JWT)"] : []),
    ...(g.rateLimit ? [`Rate limiting (${g.rateLimit.requests} requests per ${duration(g.rateLimit.perMs)})`] : []),
    ...(g.cors ? ["CORS"] : []),
  ];
}

export function componentDetails(computed: ComputedModel, diagrams: ReadonlyMap<string, Diagram>): ComponentsView {
  const model = computed.model;
  return {
    clients: model.clients.map((c) => ({
      title: c.title,
      description: c.description,
      facts: [
        ...(c.technology ? [{ label: "Technology", text: c.technology }] : []),
        ...(c.actor ? [{ label: "Used by", text: computed.actor(c.actor)?.title ?? c.actor }] : []),
        ...(c.responsibilities.length > 0 ? [{ label: "Responsibilities", text: "", items: c.responsibilities }] : []),
        ...(model.gateway ? [{ label: "Dependencies", text: model.gateway.title }] : []),
      ],
    })),
    gateway: model.gateway
      ? {
          title: model.gateway.title,
          description: model.gateway.description,
          facts: [
            { label: "Technology", text: GATEWAY_TECHNOLOGY },
            { label: "Responsibilities", text: "", items: gatewayDuties(computed) },
            { label: "Port", text: String(model.gateway.port) },
            { label: "Upstream timeout", text: duration(model.gateway.timeoutMs) },
            {
              label: "Dependencies",
              text: joinWords(computed.routedServices.map((s) => s.def.title)),
            },
          ],
        }
      : undefined,
    services: computed.services.map((s) => serviceView(computed, s, diagrams)),
  };
}

function serviceView(
  computed: ComputedModel,
  service: ComputedService,
  diagrams: ReadonlyMap<string, Diagram>,
): ServiceView {
  const name = `components-${kebabCase(service.id)}`;
  return {
    title: service.def.title,
    description: service.def.description,
    facts: serviceFacts(computed, service),
    endpoints: endpointTable(service),
    published: publishedTable(computed, service),
    consumed: service.consumers.length > 0 ? consumedTable(service) : undefined,
    diagram: diagrams.get(`${name}-overview`)!,
    diagramC4: docsPaths.diagram(name),
    openapi: docsPaths.serviceOpenapi(service.id),
  };
}

function serviceFacts(computed: ComputedModel, computedService: ComputedService): Fact[] {
  const service = computedService.def;
  const calls = computedService.handlers.flatMap((h) => h.calls);
  const dependencies = [...new Set(calls.map((c) => callTargetTitle(computed, c)))];
  const stores = computedService.stores.map((s) => `${s.title} (${s.technology})`);
  const { replicas, min, max, targetCpu } = service.scaling;
  return [
    { label: "Technology", text: service.technology },
    ...(service.owner ? [{ label: "Owner", text: service.owner }] : []),
    ...(service.responsibilities.length > 0
      ? [{ label: "Responsibilities", text: "", items: service.responsibilities }]
      : []),
    ...(stores.length > 0 ? [{ label: "Stores", text: joinWords(stores) }] : []),
    ...(dependencies.length > 0 ? [{ label: "Dependencies (synchronous)", text: joinWords(dependencies) }] : []),
    ...(service.stateMachines.length > 0
      ? [{ label: "State machines", text: joinWords(service.stateMachines.map(String)) }]
      : []),
    {
      label: "Scaling",
      text: `${count(replicas, "replica")}${min === max ? "" : `, autoscaled from ${min} to ${max} at ${targetCpu}% CPU`}; requests ${service.resources.cpu} CPU and ${service.resources.memory} memory`,
    },
    ...(sloText(service.slo) ? [{ label: "SLO", text: sloText(service.slo) }] : []),
    { label: "Port", text: String(service.port) },
  ];
}

function endpointTable(service: ComputedService): Table | undefined {
  return table(
    ["Endpoint", "Method and path", "Summary", "Access", "Latency budget"],
    service.endpoints.map((e) => [
      `\`${e.name}\``,
      `\`${e.method} ${e.path}\``,
      e.summary ?? e.description ?? "",
      `${e.public ? "public" : "internal"}, ${authText(e.auth)}`,
      latencyText(e.latency),
    ]),
  );
}

function publishedTable(computed: ComputedModel, service: ComputedService): Table | undefined {
  const rows = service.events.flatMap((e) => {
    const by = computed
      .publishersOf(e.id)
      .filter((p) => p.service === service.id)
      .map((p) => `\`${p.by}\``);
    return by.length > 0 ? [[`\`${e.id}\``, joinWords(by), `\`${e.topic}\``]] : [];
  });
  return rows.length > 0 ? { head: ["Event", "Published by", "Topic"], rows } : undefined;
}

function consumedTable(service: ComputedService): Table {
  return {
    head: ["Event", "Handler", "Retries", "Dead letter"],
    rows: service.consumers.map((c) => [
      `\`${c.event}\``,
      `\`${c.handler}\``,
      `${c.retries}, backoff from ${duration(c.backoffMs)}`,
      c.deadLetter ? "yes" : "no",
    ]),
  };
}
