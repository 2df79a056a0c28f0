import type { Model } from "../../../model/index.js";
/**
 * A C4 view independent of the diagram language: the Mermaid and the C4-PlantUML renderers draw
 * the same elements and relationships, so both outputs always agree.
 */
export type ElementKind =
  | "person"
  | "system"
  | "external"
  | "container"
  | "database"
  | "queue"
  | "component"
  | "externalContainer";

export interface ViewElement {
  readonly kind: ElementKind;
  readonly id: string;
  readonly label: string;
  readonly technology?: string;
  readonly description?: string;
  /** A layer inside the boundary (Clients, Services, Data) for renderers that group elements. */
  readonly group?: string;
}

export interface ViewRel {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly technology?: string;
  /** How the relationship communicates: a request, a message through the queue, or data access. */
  readonly style: "sync" | "async" | "data" | "uses";
  /** The few words a compact diagram shows on the arrow; empty for none. */
  readonly short: string;
}

/** Elements drawn inside one boundary (the system, or the container a component view zooms into). */
export interface ViewBoundary {
  readonly kind: "system" | "container";
  readonly id: string;
  readonly label: string;
  readonly elements: readonly ViewElement[];
}

export interface C4View {
  readonly level: "context" | "container" | "component";
  readonly title: string;
  /** Elements outside any boundary, drawn before the boundary (people, callers). */
  readonly before: readonly ViewElement[];
  readonly boundary?: ViewBoundary;
  /** Elements outside any boundary, drawn after it (external systems, stores of others). */
  readonly after: readonly ViewElement[];
  readonly rels: readonly ViewRel[];
}

/** Stable ids, the same in every diagram: a relationship in one view reads the same in all. */
export const ids = {
  actor: (id: string) => `a_${id}`,
  system: () => "sys",
  external: (id: string) => `x_${id}`,
  client: (id: string) => `c_${id}`,
  gateway: () => "gw",
  service: (id: string) => `s_${id}`,
  store: (id: string) => `d_${id}`,
  queue: () => "q_bus",
  component: (service: string, name: string) => `k_${service}_${name}`,
} as const;

/** What the generated runtime is built with; shown as the technology of archkit's own containers. */
export const GATEWAY_TECHNOLOGY = "TypeScript, Express (archkit gateway)";
/** The broker production runs, as the diagrams and the document name it. */
export function queueTechnology(model: Model): string {
  return model.deployment.broker === "rabbitmq" ? "RabbitMQ" : "Kafka";
}
