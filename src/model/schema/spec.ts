import { z } from "zod";
import { Event, Schemas, StateMachine, Store } from "./data.js";
import { named } from "./primitives.js";
import { Gateway, Service } from "./services.js";
import { Actor, Client, Decision, Deployment, External, Flow, Glossary, Quality, System } from "./system.js";

/** The whole architecture.yaml, version 1: the single source of its types, its validation and the editor JSON Schema. */
export const SpecSchema = z.strictObject({
  archkit: z.literal(1).describe("Spec format version"),
  system: System,
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
  const schema = z.toJSONSchema(SpecSchema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as Record<
    string,
    unknown
  >;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://archkit.dev/schema/architecture.schema.json",
    title: "archkit architecture.yaml (version 1)",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
}

/** The editor schema as written to schema/architecture.schema.json. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}
