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

/** `generated/types.ts`: the service's schemas, each endpoint's request and response types, event payloads. */
export function typesFile(computed: ComputedModel, service: ComputedService): string {
  const events = service.events;
  const schemas = service.schemas.map((id) => {
    const schema = computed.schema(id)!.schema;
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
      name: payloadType(computed, event),
      type: useType(event.schema),
    }));
  return render("generated/types.ts", { schemas, endpoints: service.endpoints.map(endpointView), payloads });
}
