import { kebabCase } from "./units.js";

/**
 * Every name archkit derives from a spec id, in one place: environment variables, URL variables,
 * Kubernetes objects, SQL identifiers, topics, consumer groups and generated TypeScript names.
 * The runtime, `archkit dev`, the infrastructure and the docs import these; none spells a name itself.
 */

/** `SCREAMING_SNAKE_CASE` of an id: `paymentGateway` -> `PAYMENT_GATEWAY`. */
export function envName(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

export type ProviderKind = "service" | "external";

/**
 * The variable holding a provider's base URL: `<SERVICE>_URL` for a service,
 * `EXTERNAL_<NAME>_URL` for an external.
 *
 * @example
 * urlVariable("service", "products") // "PRODUCTS_URL"
 */
export function urlVariable(kind: ProviderKind, id: string): string {
  return kind === "service" ? `${envName(id)}_URL` : `EXTERNAL_${envName(id)}_URL`;
}

/** The variables the runtime reads itself, whatever the spec says. */
export const RUNTIME_ENV = {
  port: "PORT",
  adminPort: "ADMIN_PORT",
  logLevel: "LOG_LEVEL",
  databaseUrl: "DATABASE_URL",
  redisUrl: "REDIS_URL",
  kafkaBrokers: "KAFKA_BROKERS",
  amqpUrl: "AMQP_URL",
  devBrokerUrl: "ARCHKIT_BROKER_URL",
  pgliteTemplate: "ARCHKIT_PGLITE_TEMPLATE",
  processedRetention: "ARCHKIT_PROCESSED_RETENTION",
  fixtures: "ARCHKIT_FIXTURES",
  identityKey: "ARCHKIT_IDENTITY_KEY",
  identityJwks: "ARCHKIT_IDENTITY_JWKS",
} as const;

/**
 * The secret the tools (contract tests, sla) derive workload keys from to sign requests straight
 * to a service as its declared caller; `archkit dev` derives its workloads' keys from its dev secret.
 */
export const IDENTITY_SECRET_ENV = "ARCHKIT_IDENTITY_SECRET";

/**
 * Variables the runtime reads but never needs: tuning knobs with a default, and the settings of
 * `archkit dev` (its embedded broker and PGlite template). A deployment may leave them unset.
 */
export const OPTIONAL_RUNTIME_ENV: readonly string[] = [
  RUNTIME_ENV.adminPort,
  RUNTIME_ENV.devBrokerUrl,
  RUNTIME_ENV.pgliteTemplate,
  RUNTIME_ENV.processedRetention,
  RUNTIME_ENV.fixtures,
  RUNTIME_ENV.kafkaBrokers,
  RUNTIME_ENV.amqpUrl,
  RUNTIME_ENV.redisUrl,
];

/** How far above a workload's port its admin port lies by default. */
export const ADMIN_PORT_OFFSET = 1000;

/**
 * The admin port of a workload (a service or the gateway): `/metrics`, `/healthz` and `/readyz` on
 * a listener of their own, which the gateway never routes. `ADMIN_PORT` when set, otherwise the
 * workload's port + 1000; port 0 (any free port) gives 0.
 *
 * @example
 * adminPort(3003) // 4003
 * adminPort(3003, "9100") // 9100
 */
export function adminPort(port: number, configured?: string): number {
  if (configured !== undefined && configured.trim() !== "") return Number(configured);
  return port === 0 ? 0 : port + ADMIN_PORT_OFFSET;
}

/** Kubernetes object name of a spec id: `paymentGateway` -> `payment-gateway`. */
export function k8sName(id: string): string {
  return kebabCase(id);
}

/** Kubernetes name of a service's PostgreSQL (all its postgres and document stores). */
export function databaseObjectName(service: string): string {
  return `${k8sName(service)}-postgres`;
}

/** Kubernetes name of a cache store's Redis. */
export function cacheObjectName(store: string): string {
  return `${k8sName(store)}-redis`;
}

/** A Kubernetes object name for a topic: lower case, only `a-z 0-9 . -`. */
export function topicObjectName(topic: string): string {
  const cleaned = topic
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return cleaned.slice(0, 253) || "topic";
}

/** A PostgreSQL identifier for an id: `orderHistory` -> `order_history`. */
export function sqlName(id: string): string {
  return kebabCase(id).replace(/-/g, "_");
}

/** A stack setting named after an environment variable: `JWT_SECRET` -> `jwtSecret`. */
export function configKeyOfVariable(variable: string): string {
  const words = variable
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  return words.map((w, i) => (i === 0 ? w : `${w[0]!.toUpperCase()}${w.slice(1)}`)).join("");
}

/** The topic of an event the spec does not name one for: `<producer>.<kebab-case event>`. */
export function defaultTopic(producerOrSystem: string, event: string): string {
  return `${producerOrSystem}.${kebabCase(event)}`;
}

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** The consumer group of a service that names none: `<system>.<service>`. */
export function consumerGroup(system: string, service: string): string {
  return `${system}.${service}`;
}

/** A PascalCase type name from an endpoint, event or service name: `placeOrder` -> `PlaceOrder`. */
export function typeName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The types a service's generated `types.ts` declares for one endpoint. */
export function endpointTypeNames(endpoint: string): readonly string[] {
  const stem = typeName(endpoint);
  return [`${stem}Params`, `${stem}Query`, `${stem}Body`, `${stem}Response`];
}

/**
 * The types a caller's generated `clients.ts` declares for one call to a service endpoint
 * (`<service>.<endpoint>`), and `Calls`, the map of them all.
 *
 * @example
 * callTypeNames("products.reserveStock").result // "ProductsReserveStockResult"
 */
export function callTypeNames(call: string): {
  readonly params: string;
  readonly query: string;
  readonly body: string;
  readonly headers: string;
  readonly result: string;
} {
  const dot = call.indexOf(".");
  const stem = `${typeName(call.slice(0, dot))}${typeName(call.slice(dot + 1))}`;
  return {
    params: `${stem}Params`,
    query: `${stem}Query`,
    body: `${stem}Body`,
    headers: `${stem}Headers`,
    result: `${stem}Result`,
  };
}

/** The map of a service's calls to their signatures, in its generated `clients.ts`. */
export const CALLS_TYPE = "Calls";

/** The type of one handler's deps in a service's generated `handlers.ts`: `placeOrder` -> `PlaceOrderDeps`. */
export function handlerDepsTypeName(handler: string): string {
  return `${typeName(handler)}Deps`;
}

/** The type of an inline event payload: `<Event>Payload`, or `<Event>EventPayload` when a schema has that name. */
export function payloadTypeName(event: string, schemaNames: ReadonlySet<string>): string {
  const name = `${event}Payload`;
  return schemaNames.has(name) ? `${event}EventPayload` : name;
}

/** The types and values a state machine adds to a service's generated code. */
export function stateMachineNames(machine: string): {
  readonly state: string;
  readonly event: string;
  readonly value: string;
} {
  return {
    state: `${machine}State`,
    event: `${machine}Event`,
    value: `${machine.charAt(0).toLowerCase()}${machine.slice(1)}Machine`,
  };
}

/** The Kysely types of a postgres or document store: one `Database` interface and one per table or collection. */
export function storeTypeNames(
  store: string,
  tables: readonly string[],
): { readonly database: string; readonly tables: readonly string[] } {
  return { database: `${typeName(store)}Database`, tables: tables.map((t) => `${typeName(store)}${typeName(t)}Table`) };
}

/** The names every service's generated index exports, whatever the spec says. */
export function fixedServiceNames(service: string): readonly string[] {
  const stem = typeName(service);
  return [
    CALLS_TYPE,
    "Deps",
    "Handlers",
    "PublishedEvents",
    "ENVIRONMENT",
    "PORT",
    "SERVICE",
    "model",
    `start${stem}`,
    `Start${stem}Options`,
  ];
}

/**
 * Names a spec may not give a schema, endpoint, event, store or state machine, because generated
 * code imports them or TypeScript reserves them as type names.
 */
export const RESERVED_TYPE_NAMES: readonly string[] = [
  "Cache",
  "CallResult",
  "Clients",
  "DatabaseHandle",
  "EventContext",
  "Generated",
  "Handler",
  "HandlerResponse",
  "ProblemDetails",
  "ServiceDeps",
  "StateMachine",
  "TypedEventBus",
  "createStateMachine",
  "readModelFile",
  "startService",
  "computed",
  "Record",
  "Array",
  "Promise",
  "Date",
  "Readonly",
  "Partial",
  "any",
  "bigint",
  "boolean",
  "never",
  "null",
  "number",
  "object",
  "string",
  "symbol",
  "undefined",
  "unknown",
  "void",
];

/** Where a service's code lives inside a generated project. */
export function serviceDir(service: string): string {
  return `services/${service}`;
}

/** The serialized computed model inside a generated project. */
export const MODEL_FILE = "services/model.json";

/**
 * Where the migrations of one store of a service live inside a generated project.
 *
 * @example
 * migrationsDir("orders", "ordersDb"); // "services/orders/migrations/ordersDb"
 */
export function migrationsDir(service: string, store: string): string {
  return `${serviceMigrationsDir(service)}/${store}`;
}

/** The folder of a service's migrations, one folder per store inside. */
export function serviceMigrationsDir(service: string): string {
  return `${serviceDir(service)}/migrations`;
}

/** The schema snapshot beside a store's migrations: what the last migration left. */
export const SNAPSHOT_FILE = "schema.json";

/**
 * The file name of migration `version`; contract migrations end in `_contract.sql`.
 *
 * @example
 * migrationFileName(2, "rename orders total", "contract"); // "0002_rename_orders_total_contract.sql"
 */
export function migrationFileName(version: number, title: string, phase: "expand" | "contract"): string {
  const slug =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 48)
      .replace(/_+$/, "") || "change";
  return `${String(version).padStart(4, "0")}_${slug}${phase === "contract" ? "_contract" : ""}.sql`;
}

/** A migration file name read back: its version and phase, or undefined for any other file. */
export function parseMigrationFileName(
  name: string,
): { readonly version: number; readonly phase: "expand" | "contract" } | undefined {
  const match = /^(\d{4,})_[a-z0-9_]*\.sql$/.exec(name);
  if (!match) return undefined;
  return { version: Number(match[1]), phase: name.endsWith("_contract.sql") ? "contract" : "expand" };
}

/** The TypeScript types of the named schemas and event payloads, shared by every service of a generated project. */
export const SCHEMA_TYPES_FILE = "services/schemas.ts";

/** The files under `.archkit/` that belong to one machine, never committed: `.archkit/.gitignore` lists them. */
export const LOCAL_FILES = ["cache.json", "dev.json", "dev.log", "dev-secret", "dev-ports.json"] as const;

/** Where the typed client SDK of the public API lives inside a generated project. */
export const SDK_DIR = "sdk";

/**
 * The package name of a system's client SDK.
 *
 * @example
 * sdkPackageName("shop") // "shop-sdk"
 */
export function sdkPackageName(system: string): string {
  return `${system}-sdk`;
}
