import type { Call, ComputedModel, Endpoint, JsonSchema, SchemaUse } from "../../model/index.js";
import { unreachable } from "../../model/errors.js";

/** The title of whatever a call reaches: a service endpoint or an external system. */
export function callTargetTitle(computed: ComputedModel, call: Call): string {
  switch (call.kind) {
    case "endpoint":
      return `${computed.findService(call.service)?.def.title ?? call.service} (${call.endpoint})`;
    case "external":
      return computed.external(call.external)?.title ?? call.external;
    default: {
      return unreachable(call);
    }
  }
}

/** The title of a service by id; the id itself for an unknown one. */
export function serviceTitle(computed: ComputedModel, id: string): string {
  return computed.findService(id)?.def.title ?? id;
}

/** The schema a use points at, inline or named; undefined for an unknown name. */
export function resolveSchema(computed: ComputedModel, use: SchemaUse): JsonSchema | undefined {
  return use.kind === "inline" ? use.schema : computed.schema(use.name)?.schema;
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
