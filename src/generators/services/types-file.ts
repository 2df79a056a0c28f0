import {
  type ComputedModel,
  type ComputedService,
  type Endpoint,
  type Event,
  payloadTypeName,
  type SchemaUse,
} from "../../model/index.js";
import { render } from "./templates.js";
import { schemaToType, typeName, type TypeNaming } from "./ts-types.js";

const NAMING: TypeNaming = { ref: (name) => name };

/** A type expression for a schema use: a named schema by its name, an inline one spelled out. */
export function useType(use: SchemaUse | undefined): string {
  if (!use) return "undefined";
  return use.kind === "named" ? use.name : schemaToType(use.schema, NAMING);
}

/** The type of an event's payload: its named schema, or `<Event>Payload` for an inline one. */
export function payloadType(computed: ComputedModel, event: Event): string {
  if (event.schema.kind === "named") return event.schema.name;
  return payloadTypeName(event.id, computed.schemaNames);
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

function schemaView(computed: ComputedModel, id: string) {
  const schema = computed.schema(id)!.schema;
  const doc =
    typeof schema.description === "string"
      ? schema.description.replace(/\*\//g, "*\\/").replace(/\s+/g, " ")
      : undefined;
  return { name: id, doc, type: schemaToType(schema, NAMING) };
}

function inlinePayloads(computed: ComputedModel, events: readonly Event[]) {
  return events
    .filter((event) => event.schema.kind === "inline")
    .map((event) => ({
      event: event.id,
      topic: event.topic,
      name: payloadType(computed, event),
      type: useType(event.schema),
    }));
}

/**
 * `services/schemas.ts`: the types of the named schemas and inline event payloads any service uses,
 * in spec order, declared once for all services.
 */
export function schemaTypesFile(computed: ComputedModel): string {
  const used = new Set(computed.services.flatMap((s) => s.schemas));
  const events = new Set(computed.services.flatMap((s) => s.events.map((e) => e.id)));
  return render("schemas.ts", {
    schemas: computed.model.schemas.filter((s) => used.has(s.id)).map((s) => schemaView(computed, s.id)),
    payloads: inlinePayloads(
      computed,
      computed.model.events.filter((e) => events.has(e.id)),
    ),
  });
}

/** `generated/types.ts`: each endpoint's request and response types, with the shared schema and payload types the service uses. */
export function typesFile(computed: ComputedModel, service: ComputedService): string {
  const shared = [...service.schemas, ...inlinePayloads(computed, service.events).map((p) => p.name)];
  return render("generated/types.ts", { shared, endpoints: service.endpoints.map(endpointView) });
}
