import type { Path } from "./source.js";

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ServiceId = Brand<string, "ServiceId">;
/** `<service>.<endpoint>` */
export type EndpointId = Brand<string, "EndpointId">;
export type EventId = Brand<string, "EventId">;
export type StoreId = Brand<string, "StoreId">;
export type SchemaId = Brand<string, "SchemaId">;
export type ExternalId = Brand<string, "ExternalId">;
export type ActorId = Brand<string, "ActorId">;
export type FlowId = Brand<string, "FlowId">;
export type StateMachineId = Brand<string, "StateMachineId">;

export type JsonSchema = { readonly [key: string]: unknown };

/** Where a model element was written; turn it into line:column with the spec's `locate`. */
export interface Located {
  /** Path of the element in the spec data, e.g. ["services", "orders", "endpoints", "placeOrder"]. */
  readonly source: Path;
}

export type SchemaUse =
  | (Located & { readonly kind: "named"; readonly name: SchemaId })
  | (Located & { readonly kind: "inline"; readonly schema: JsonSchema });

export type Auth =
  | { readonly kind: "none" }
  | { readonly kind: "required" }
  | { readonly kind: "role"; readonly role: string };

export type Call =
  | (Located & {
      readonly kind: "endpoint";
      readonly target: EndpointId;
      readonly service: ServiceId;
      readonly endpoint: string;
    })
  | (Located & { readonly kind: "external"; readonly external: ExternalId });

/** Latency figures, in milliseconds. */
export interface Latency {
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
}

export interface Slo extends Latency {
  readonly rps?: number;
  /** Percent, e.g. 99.9 */
  readonly availability?: number;
  /** Percent of requests allowed to fail */
  readonly errorRate?: number;
}

export interface Parameter {
  readonly name: string;
  readonly schema: SchemaUse;
}

export interface EndpointRequest {
  readonly body?: SchemaUse;
  readonly params: readonly Parameter[];
  readonly query: readonly Parameter[];
  readonly headers: readonly Parameter[];
}

export interface Response {
  readonly status: number;
  /** Absent for a response without a body. */
  readonly schema?: SchemaUse;
}

export interface Endpoint extends Located {
  readonly id: EndpointId;
  readonly service: ServiceId;
  readonly name: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
  /** Parameter names in path order, from `{name}` segments. */
  readonly pathParams: readonly string[];
  readonly summary?: string;
  readonly description?: string;
  readonly public: boolean;
  readonly auth: Auth;
  readonly request: EndpointRequest;
  readonly responses: readonly Response[];
  readonly calls: readonly Call[];
  readonly publishes: readonly EventId[];
  readonly latency: Latency;
  readonly timeoutMs: number;
  /** GET, PUT and DELETE are idempotent unless the spec says otherwise. */
  readonly idempotent: boolean;
  readonly tags: readonly string[];
}

export interface Consumer extends Located {
  readonly service: ServiceId;
  readonly event: EventId;
  readonly handler: string;
  readonly description?: string;
  readonly retries: number;
  readonly backoffMs: number;
  readonly deadLetter: boolean;
  readonly calls: readonly Call[];
  readonly publishes: readonly EventId[];
  /** Consumer group, default `<system>.<service>` */
  readonly group: string;
}

export interface Scaling {
  readonly replicas: number;
  readonly min: number;
  readonly max: number;
  readonly targetCpu: number;
}

export interface Resources {
  readonly cpu: string;
  readonly memory: string;
  readonly limits: { readonly cpu?: string; readonly memory?: string };
}

export interface Service extends Located {
  readonly id: ServiceId;
  readonly title: string;
  readonly description?: string;
  readonly technology: string;
  readonly owner?: string;
  readonly port: number;
  readonly responsibilities: readonly string[];
  readonly stores: readonly StoreId[];
  readonly endpoints: readonly Endpoint[];
  readonly consumers: readonly Consumer[];
  readonly stateMachines: readonly StateMachineId[];
  readonly scaling: Scaling;
  readonly resources: Resources;
  readonly slo: Slo;
  /** Variables the service's own code reads, declared in the spec. */
  readonly env: readonly ServiceVariable[];
}

export interface ServiceVariable {
  readonly name: string;
  readonly description?: string;
  readonly secret: boolean;
  readonly default?: string;
}

export interface Producer {
  readonly service: ServiceId;
  /** The endpoint name or consumer handler that publishes. */
  readonly by: string;
  readonly via: "endpoint" | "consumer";
}

export interface Event extends Located {
  readonly id: EventId;
  readonly title?: string;
  readonly description?: string;
  readonly schema: SchemaUse;
  readonly key?: string;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly partitions: number;
  readonly retentionMs: number;
}

export interface Column {
  readonly name: string;
  readonly type: string;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  /** Columns are NOT NULL unless `nullable: true`. */
  readonly nullable: boolean;
  readonly default?: string | number | boolean;
  readonly references?: { readonly table: string; readonly column: string };
  readonly description?: string;
  /** The column's name before a rename; used only by migrations. */
  readonly renamedFrom?: string;
  /** SQL expression that fills existing rows when the column becomes required. */
  readonly backfill?: string;
  /** Personal or secret data: log lines and logged SQL parameters never show it. */
  readonly sensitive?: true;
  /** The schema of a json/jsonb column's values: what the generated row type holds. */
  readonly schema?: SchemaUse;
  /** The state machine whose states a text column keeps: the row type is the union of its states. */
  readonly stateMachine?: StateMachineId;
}

export interface Table {
  readonly name: string;
  readonly description?: string;
  readonly columns: readonly Column[];
  readonly primaryKey: readonly string[];
  readonly unique: readonly (readonly string[])[];
  /** The table's name before a rename; used only by migrations. */
  readonly renamedFrom?: string;
}

interface StoreBase extends Located {
  readonly id: StoreId;
  readonly title: string;
  readonly description?: string;
  readonly technology: string;
  readonly replication?: string;
  readonly backup?: string;
  readonly scaling?: string;
}

export interface PostgresStore extends StoreBase {
  readonly kind: "postgres";
  readonly tables: readonly Table[];
}

export interface DocumentStore extends StoreBase {
  readonly kind: "document";
  readonly collections: readonly {
    readonly name: string;
    readonly schema: SchemaUse;
    readonly description?: string;
    readonly indexes: readonly string[];
    /** The collection's name before a rename; used only by migrations. */
    readonly renamedFrom?: string;
    /** Top-level document fields renamed: new name to old name. */
    readonly renamedFields: Readonly<Record<string, string>>;
  }[];
}

export interface CacheStore extends StoreBase {
  readonly kind: "cache";
  readonly ttlMs: number;
}

export type Store = PostgresStore | DocumentStore | CacheStore;
