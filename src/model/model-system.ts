import type {
  ActorId,
  EndpointId,
  Endpoint,
  Event,
  ExternalId,
  FlowId,
  JsonSchema,
  Latency,
  Located,
  SchemaId,
  Service,
  StateMachineId,
  Store,
  ServiceId,
} from "./model.js";

export interface SystemInfo {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly purpose?: string;
  readonly scope?: string;
  readonly style: "microservices" | "layered" | "event-driven" | "modular-monolith";
  readonly status: "draft" | "review" | "approved" | "implemented";
  readonly version: string;
  readonly owner?: string;
  readonly date?: string;
  readonly constraints: readonly { readonly kind?: "technical" | "business" | "regulatory"; readonly text: string }[];
  readonly principles: readonly { readonly name: string; readonly rationale: string }[];
  readonly requirements: { readonly functional: readonly string[]; readonly nonFunctional: readonly string[] };
}

export interface Actor extends Located {
  readonly id: ActorId;
  readonly title: string;
  readonly description?: string;
}

export interface External extends Located {
  readonly id: ExternalId;
  readonly title: string;
  readonly description?: string;
  readonly protocol: string;
  readonly url?: string;
  readonly latency: Latency;
}

export interface Client extends Located {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly technology?: string;
  readonly actor?: ActorId;
  readonly responsibilities: readonly string[];
}

export interface GatewayAuth {
  readonly kind: "jwt";
  readonly issuer?: string;
  readonly audience?: string;
  readonly secretEnv: string;
  readonly jwksUrl?: string;
  readonly algorithms: readonly string[];
  readonly rolesClaim: string;
  /** Services that sign tokens with the secret. */
  readonly issuedBy: readonly ServiceId[];
}

export interface Gateway extends Located {
  readonly title: string;
  readonly description?: string;
  readonly port: number;
  readonly auth?: GatewayAuth;
  readonly rateLimit?: { readonly requests: number; readonly perMs: number };
  readonly cors?: { readonly origins: readonly string[]; readonly credentials: boolean };
  readonly timeoutMs: number;
  /** Every public endpoint, in spec order. */
}

export interface NamedSchema extends Located {
  readonly id: SchemaId;
  readonly schema: JsonSchema;
  readonly builtIn: boolean;
}

export interface FlowStep {
  readonly text: string;
  readonly details: readonly string[];
}

export interface Flow extends Located {
  readonly id: FlowId;
  readonly title: string;
  readonly description?: string;
  readonly actor?: ActorId;
  readonly entry: EndpointId;
  readonly slo: { readonly p95?: number; readonly p99?: number; readonly rps?: number };
  readonly steps: readonly FlowStep[];
  readonly example?: {
    readonly body?: unknown;
    readonly params: Readonly<Record<string, string | number>>;
    readonly query: Readonly<Record<string, string | number | boolean>>;
    readonly headers: Readonly<Record<string, string>>;
  };
}

export interface Transition {
  readonly from: readonly string[];
  readonly to: string;
  readonly on: string;
  readonly description?: string;
}

export interface StateMachine extends Located {
  readonly id: StateMachineId;
  readonly title: string;
  readonly description?: string;
  readonly initial: string;
  readonly states: readonly string[];
  readonly final: readonly string[];
  readonly transitions: readonly Transition[];
}

export interface Quality {
  readonly latency: Latency & { readonly max?: number };
  readonly throughputRps?: number;
  readonly availability?: { readonly target: number; readonly rtoMs?: number; readonly rpoMs?: number };
  readonly scalability: {
    readonly concurrentUsers?: number;
    readonly dataVolume?: string;
    readonly growth?: string;
    readonly horizontal?: string;
  };
  readonly security: {
    readonly tls?: string;
    readonly encryptionAtRest?: string;
    readonly authentication?: string;
    readonly authorization?: string;
    readonly compliance: readonly string[];
  };
}

export interface Decision extends Located {
  readonly id: string;
  readonly title: string;
  readonly status: "proposed" | "accepted" | "deprecated" | "superseded";
  readonly date?: string;
  readonly context: string;
  readonly decision: string;
  readonly rationale?: string;
  readonly consequences: { readonly gained: readonly string[]; readonly costs: readonly string[] };
  readonly alternatives: readonly { readonly option: string; readonly rejectedBecause: string }[];
  readonly supersededBy?: string;
}

export interface Environment {
  readonly name: string;
  readonly description?: string;
  /** Replicas per service in this environment; absent means each service's own `scaling.replicas`. */
  readonly replicas?: number;
  readonly ingress?: { readonly host: string; readonly tls: boolean };
  readonly infrastructure: "in-cluster" | "external";
  /** The mesh that makes traffic between the namespace's pods mutual TLS. */
  readonly mesh?: "istio" | "linkerd";
  /** The StorageClass of the in-cluster volumes, and whether it encrypts them at rest. */
  readonly storage?: { readonly class: string; readonly encrypted: boolean };
}

export interface Deployment {
  readonly platform: "kubernetes";
  readonly registry: string;
  readonly namespace: string;
  readonly environments: readonly Environment[];
  readonly strategy?: string;
  readonly broker: "kafka" | "rabbitmq";
}

/** Each member of `T` as a readonly list of that member's type. */
export type ListsOf<T> = { readonly [K in keyof T]: readonly T[K][] };

/** The element type of each list the model holds, in model order. */
export interface ModelLists {
  actors: Actor;
  externals: External;
  clients: Client;
  services: Service;
  events: Event;
  stores: Store;
  schemas: NamedSchema;
  flows: Flow;
  stateMachines: StateMachine;
  decisions: Decision;
  glossary: { readonly term: string; readonly definition: string };
}

/** The normalized architecture: every default applied, every name resolved. Generators read only this. */
export interface Model extends ListsOf<ModelLists> {
  readonly file: string;
  readonly system: SystemInfo;
  readonly gateway?: Gateway;
  readonly quality: Quality;
  readonly deployment: Deployment;
}

export type { Endpoint, Event, Service, Store };
