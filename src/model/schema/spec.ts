import { z } from "zod";
import { Event, Schemas, StateMachine, Store } from "./data.js";
import { named } from "./primitives.js";
import { Gateway, Service } from "./services.js";
import { Actor, Client, Decision, Deployment, External, Flow, Glossary, Quality, System } from "./system.js";

const Include = z
  .array(z.string().min(1))
  .describe(
    "Files that hold more of the spec (services, events, stores, ...), relative to this file; patterns such as `domains/*.yaml` are allowed",
  );

/** The whole architecture.yaml, version 1: the single source of its types, its validation and the editor JSON Schema. */
export const SpecSchema = z.strictObject({
  archkit: z.literal(1).describe("Spec format version"),
  system: System,
  include: Include.optional(),
  actors: named("identifier", Actor).optional(),
  externals: named("identifier", External).optional(),
  clients: named("identifier", Client).optional(),
  gateway: Gateway.optional(),
  services: named("identifier", Service),
  events: named("typeName", Event).optional(),
  stores: named("identifier", Store).optional(),
  schemas: Schemas.optional(),
  flows: named("identifier", Flow).optional(),
  stateMachines: named("typeName", StateMachine).optional(),
  quality: Quality.optional(),
  decisions: z.array(Decision).optional(),
  deployment: Deployment.optional(),
  glossary: Glossary.optional(),
});

/** A file included by a spec: any of the top-level maps, decisions and further includes; never `system` and the like. */
export const SpecPartSchema = SpecSchema.pick({
  include: true,
  actors: true,
  externals: true,
  clients: true,
  services: true,
  events: true,
  stores: true,
  schemas: true,
  flows: true,
  stateMachines: true,
  decisions: true,
  glossary: true,
}).partial();

export type SpecInput = z.infer<typeof SpecSchema>;
export type ServiceInput = z.infer<typeof Service>;
export type EndpointInput = z.infer<typeof import("./services.js").Endpoint>;
export type ConsumerInput = z.infer<typeof import("./services.js").Consumer>;
export type StoreInput = z.infer<typeof Store>;
export type EventInput = z.infer<typeof Event>;
export type FlowInput = z.infer<typeof Flow>;
export type StateMachineInput = z.infer<typeof StateMachine>;

/** The JSON Schema editors use for completion and checks (yaml-language-server). */
export function specJsonSchema(): Record<string, unknown> {
  return jsonSchema(SpecSchema, "architecture.schema.json", "archkit architecture.yaml (version 1)");
}

/** The JSON Schema of a file a spec includes (`schema/architecture-part.schema.json`). */
export function specPartJsonSchema(): Record<string, unknown> {
  return jsonSchema(SpecPartSchema, "architecture-part.schema.json", "archkit: a file included by architecture.yaml");
}

function jsonSchema(schema: z.ZodType, name: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as Record<
    string,
    unknown
  >;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://archkit.dev/schema/${name}`,
    title,
    ...Object.fromEntries(Object.entries(json).filter(([key]) => key !== "$schema")),
  };
}

/** The editor schema as written to schema/architecture.schema.json. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}

/** The part schema as written to schema/architecture-part.schema.json. */
export function specPartJsonSchemaText(): string {
  return `${JSON.stringify(specPartJsonSchema(), null, 2)}\n`;
}
