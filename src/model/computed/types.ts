import type {
  CacheStore,
  Call,
  Consumer,
  DocumentStore,
  Endpoint,
  EndpointId,
  Event,
  EventId,
  ExternalId,
  FlowId,
  PostgresStore,
  Response,
  SchemaId,
  Service,
  ServiceId,
  Store,
  StoreId,
} from "../model.js";
import type { Actor, External, Flow, ListsOf, Model, NamedSchema, StateMachine } from "../model-system.js";

/** Where the value of an environment variable a service reads comes from. */
export type EnvSource =
  | { readonly kind: "port" }
  | { readonly kind: "log-level" }
  | { readonly kind: "database" }
  | { readonly kind: "cache"; readonly store: string }
  | { readonly kind: "broker"; readonly broker: "kafka" | "rabbitmq" }
  | { readonly kind: "service-url"; readonly service: ServiceId }
  | { readonly kind: "external-url"; readonly external: ExternalId }
  | { readonly kind: "jwt-secret"; readonly use: "verify" | "sign" }
  /** The workload's own signing key, or every workload's public key (a JWKS) to verify callers with. */
  | { readonly kind: "identity"; readonly part: "key" | "trusted-keys" }
  | { readonly kind: "declared"; readonly secret: boolean; readonly default?: string };

export type EnvSourceKind = EnvSource["kind"];

export interface EnvNeed {
  readonly name: string;
  readonly source: EnvSource;
  /** A secret value: from a Secret in production, never logged. */
  readonly secret: boolean;
  readonly description: string;
}

/** Something a workload opens a connection to. */
export type Egress =
  | { readonly kind: "service"; readonly service: ServiceId; readonly port: number; readonly protocol: "http" }
  | { readonly kind: "external"; readonly external: ExternalId; readonly port: number; readonly protocol: string }
  | { readonly kind: "database" }
  | { readonly kind: "cache"; readonly store: string }
  | { readonly kind: "broker" };

export interface ConsumedTopic {
  readonly event: EventId;
  readonly topic: string;
  readonly group: string;
  /** Set when the consumer dead-letters. */
  readonly deadLetterTopic?: string;
}

/** What one service needs to run: the one answer the runtime, dev, infrastructure and docs share. */
export interface ServiceNeeds {
  /** Every variable the service reads that a deployment must give, sorted by name. */
  readonly env: readonly EnvNeed[];
  /** Names of the variables in `env` that hold secrets. */
  readonly secrets: readonly string[];
  readonly ports: readonly { readonly name: "http"; readonly port: number }[];
  /** Its database: the postgres and document stores, the outbox of what it publishes, the processed-message table of what it consumes. */
  readonly database: {
    readonly stores: readonly StoreId[];
    readonly outbox: boolean;
    readonly processed: boolean;
  } | null;
  /** The cache store it uses (the runtime opens one Redis). */
  readonly cache: { readonly store: string } | null;
  readonly broker: { readonly publishes: readonly string[]; readonly consumes: readonly ConsumedTopic[] } | null;
  readonly egress: readonly Egress[];
  /** Who may call it: `gateway` for its public endpoints, and each declared caller. */
  readonly ingress: readonly ("gateway" | ServiceId)[];
}

interface HandlerBase {
  readonly name: string;
  readonly calls: readonly Call[];
  readonly publishes: readonly EventId[];
}

/** A handler of a service, an endpoint or a consumer, with the calls (in order) and events it declares. */
export type ComputedHandler =
  | (HandlerBase & { readonly kind: "endpoint"; readonly endpoint: Endpoint })
  | (HandlerBase & { readonly kind: "consumer"; readonly consumer: Consumer });

/** The element type of each list a computed service holds. */
export interface ServiceLists {
  endpoints: Endpoint;
  publicEndpoints: Endpoint;
  consumers: Consumer;
  /** Its endpoints, then its consumers, in spec order: every place it calls out or publishes from. */
  handlers: ComputedHandler;
  /** Every call its endpoints and consumers declare, first occurrence of each target, in spec order. */
  calls: Call;
  /** Services it calls, sorted, itself excluded. */
  callees: ServiceId;
  /** Services that call it, sorted, itself excluded. */
  callers: ServiceId;
  externals: ExternalId;
  /** Events its endpoints and consumers publish, sorted. */
  publishes: EventId;
  /** Events it consumes, sorted. */
  consumes: EventId;
  /** Events it publishes or consumes, in spec order. */
  events: Event;
  stores: Store;
  databaseStores: PostgresStore | DocumentStore;
  postgresStores: PostgresStore;
  cacheStores: CacheStore;
  stateMachines: StateMachine;
  /** Named schemas its endpoints and events use, following `$ref`s, in spec order. */
  schemas: SchemaId;
  /** Flows whose chain of calls and events passes through it. */
  flows: FlowId;
}

/** A service with its relations derived once. */
export interface ComputedService extends ListsOf<ServiceLists> {
  readonly id: ServiceId;
  readonly def: Service;
  readonly usesEvents: boolean;
  /** Signs tokens with the gateway's secret (`gateway.auth.issuedBy`). */
  readonly issuesTokens: boolean;
  readonly needs: ServiceNeeds;
}

export interface EventProducer {
  readonly service: ServiceId;
  readonly by: string;
  readonly via: "endpoint" | "consumer";
}

/** A caller of an endpoint: the handler of a service that declares the call. */
export interface EndpointCaller {
  readonly service: ServiceId;
  readonly handler: string;
  readonly via: "endpoint" | "consumer";
}

/**
 * The model with everything derived once: lookups by id, publishers and consumers, callers and
 * callees, the flows through each service and what each service needs to run.
 *
 * @example
 * const computed = computeModel(model);
 * computed.publishersOf("OrderCreated").map((p) => p.service); // ["orders"]
 * computed.service("orders").needs.env.map((e) => e.name);     // ["DATABASE_URL", "PAYMENTS_URL", ...]
 */
export interface ComputedModel {
  readonly model: Model;
  readonly services: readonly ComputedService[];
  /** Every endpoint of every service, in spec order. */
  readonly endpoints: readonly Endpoint[];
  /** The service; throws a ModelLookupError naming the known ones when there is none. */
  service(id: string): ComputedService;
  findService(id: string): ComputedService | undefined;
  endpoint(id: EndpointId | string): Endpoint;
  findEndpoint(id: string): Endpoint | undefined;
  /** The endpoint a call names, if the call is to a service. */
  endpointOf(call: Call): Endpoint | undefined;
  event(id: EventId | string): Event;
  findEvent(id: string): Event | undefined;
  store(id: StoreId | string): Store;
  schema(id: SchemaId | string): NamedSchema | undefined;
  external(id: ExternalId | string): External | undefined;
  flow(id: FlowId | string): Flow;
  stateMachine(id: string): StateMachine | undefined;
  actor(id: string): Actor | undefined;
  publishersOf(event: EventId | string): readonly EventProducer[];
  /**
   * The events one handler of a service may publish: the `publishes:` list of the endpoint or
   * consumer (by its `handler` name). Throws a ModelLookupError when the service has no such handler.
   */
  publishesOf(service: ServiceId | string, handler: string): readonly EventId[];
  consumersOf(event: EventId | string): readonly Consumer[];
  /** Consumers of the event that dead-letter. */
  deadLetterersOf(event: EventId | string): readonly Consumer[];
  callersOf(endpoint: EndpointId | string): readonly EndpointCaller[];
  /**
   * What a caller of the endpoint gets back as a result: its declared responses below 500, by
   * status. Any other status is a failure of the call (5xx the provider's, the rest undeclared).
   */
  answersOf(endpoint: EndpointId | string): readonly Response[];
  /** Services any of whose handlers call the external. */
  callersOfExternal(external: ExternalId | string): readonly EndpointCaller[];
  flowsThrough(service: ServiceId | string): readonly Flow[];
  /** Services that use the store, in spec order. */
  usersOfStore(store: StoreId | string): readonly ServiceId[];
  /** Services that use the state machine, in spec order. */
  usersOfMachine(machine: string): readonly ServiceId[];
  /** Every public endpoint, in spec order: what the gateway routes. */
  readonly routes: readonly Endpoint[];
  /** Named schemas the public endpoints use, following `$ref`s, in spec order. */
  readonly routeSchemas: readonly SchemaId[];
  /** The statuses the gateway answers itself for a public endpoint (401, 403, 429), each with a problem; none for an internal one. */
  gatewayStatusesOf(endpoint: Endpoint): readonly number[];
  /** The gateway and what it needs, when the spec has one. */
  readonly gateway: { readonly needs: ServiceNeeds; readonly routed: readonly ComputedService[] } | null;
  /** Services with public endpoints, in spec order. */
  readonly routedServices: readonly ComputedService[];
  readonly usesEvents: boolean;
  /** Names of the named schemas, built-in ones included. */
  readonly schemaNames: ReadonlySet<string>;
  /** Externals some handler calls, in spec order. */
  readonly calledExternals: readonly External[];
  /** Columns marked `sensitive`, by spec name and SQL name, sorted: the keys logs redact besides the built-in patterns. */
  readonly sensitiveFields: readonly string[];
}
