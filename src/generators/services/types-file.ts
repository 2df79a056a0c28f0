import type { Endpoint, Event, Model, SchemaUse, Service } from "../../model/index.js";
import { render } from "./templates.js";
import { schemaToType, typeName, type TypeNaming } from "./ts-types.js";

const NAMING: TypeNaming = { ref: (name) => name };

/** A type expression for a schema use: a named schema by its name, an inline one spelled out. */
export function useType(use: SchemaUse | undefined): string {
  if (!use) return "undefined";
  return use.kind === "named" ? use.name : schemaToType(use.schema, NAMING);
}

/** Named schemas reachable from what the service touches, following `$ref`s. */
function reachableSchemas(model: Model, service: Service, events: readonly Event[]): string[] {
  const roots = [
    ...service.endpoints.flatMap((e) => [
      e.request.body,
      ...e.request.params.map((p) => p.schema),
      ...e.request.query.map((p) => p.schema),
      ...e.responses.map((r) => r.schema),
    ]),
    ...events.map((e) => e.schema),
  ];
  const byName = new Map(model.schemas.map((s) => [s.id as string, s.schema]));
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && byName.has(value) && !seen.has(value)) {
        seen.add(value);
        visit(byName.get(value));
      } else visit(value);
    }
  };
  for (const use of roots) {
    if (!use) continue;
    if (use.kind === "named") visit({ $ref: use.name });
    else visit(use.schema);
  }
  return model.schemas.map((s) => s.id as string).filter((id) => seen.has(id));
}

/** The type of an event's payload: its named schema, or `<Event>Payload` for an inline one. */
export function payloadType(model: Model, event: Event): string {
  if (event.schema.kind === "named") return event.schema.name;
  const name = `${event.id}Payload`;
  return model.schemas.some((s) => s.id === name) ? `${event.id}EventPayload` : name;
}

/** Events the service publishes or consumes. */
export function serviceEvents(model: Model, service: Service): Event[] {
  const ids = new Set([
    ...service.endpoints.flatMap((e) => e.publishes),
    ...service.consumers.flatMap((c) => [c.event, ...c.publishes]),
  ]);
  return model.events.filter((e) => ids.has(e.id));
}

function endpointView(e: Endpoint) {
  const record = (params: Endpoint["request"]["params"], required: boolean) =>
    params.length === 0
      ? "Record<string, never>"
      : `{\n${params.map((p) => `  ${p.name}${required ? "" : "?"}: ${useType(p.schema)};`).join("\n")}\n}`;
  return {
    method: e.method,
    path: e.path,
    summary: e.summary,
    type: typeName(e.name),
    params: record(e.request.params, true),
    query: record(e.request.query, false),
    body: useType(e.request.body),
    responses:
      e.responses.length === 0
        ? ["HandlerResponse"]
        : e.responses.map((r) => `HandlerResponse<${r.status}, ${useType(r.schema)}>`),
  };
}

/** `generated/types.ts`: the service's schemas, each endpoint's request and response types, event payloads. */
export function typesFile(model: Model, service: Service): string {
  const events = serviceEvents(model, service);
  const schemas = reachableSchemas(model, service, events).map((id) => {
    const schema = model.schemas.find((s) => s.id === id)!.schema;
    const doc =
      typeof schema.description === "string"
        ? schema.description.replace(/\*\//g, "*\\/").replace(/\s+/g, " ")
        : undefined;
    return { name: id, doc, type: schemaToType(schema, NAMING) };
  });
  const payloads = events
    .filter((event) => event.schema.kind === "inline")
    .map((event) => ({
      event: event.id,
      topic: event.topic,
      name: payloadType(model, event),
      type: useType(event.schema),
    }));
  return render("generated/types.ts", { schemas, endpoints: service.endpoints.map(endpointView), payloads });
}
