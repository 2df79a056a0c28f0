import type { Model, Service } from "../../model/index.js";
import { declaredCalls, usesCache } from "./facts.js";
import type { HandlerStub } from "./merge-handlers.js";
import { typeName } from "./ts-types.js";
import { payloadType } from "./types-file.js";

function published(service: Service): string[] {
  return [...new Set([...service.endpoints.flatMap((e) => e.publishes), ...service.consumers.flatMap((c) => c.publishes)])].sort();
}

function payload(model: Model, event: string): string {
  return payloadType(model, model.events.find((e) => e.id === event)!);
}

const literalUnion = (names: readonly string[]) => (names.length === 0 ? "never" : names.map((n) => JSON.stringify(n)).join(" | "));

/** `generated/handlers.ts`: the `Handlers` interface the user implements, and what a handler's `ctx.deps` holds. */
export function handlersFile(model: Model, service: Service): string {
  const { endpoints, externals } = declaredCalls(service);
  const typeImports = [
    ...service.endpoints.flatMap((e) => ["Params", "Query", "Body", "Response"].map((s) => `${typeName(e.name)}${s}`)),
    ...service.consumers.map((c) => payload(model, c.event)),
    ...published(service).map((e) => payload(model, e)),
  ];
  const lines = [
    'import type { Cache, Clients, DatabaseHandle, EventContext, Handler, ServiceDeps, TypedEventBus } from "archkit/runtime";',
    ...(typeImports.length ? [`import type { ${[...new Set(typeImports)].sort().join(", ")} } from "./types.js";`] : []),
    "",
    `/** The events ${service.id} may publish, by name, with their payload types. */`,
    `export interface PublishedEvents {${published(service).map((e) => `\n  ${e}: ${payload(model, e)};`).join("")}${published(service).length ? "\n" : ""}}`,
    "",
    `/** What every handler of ${service.id} finds in \`ctx.deps\`. */`,
    "export interface Deps extends ServiceDeps {",
    "  readonly db: DatabaseHandle;",
    "  /** Publishes only the events the spec declares for this service. */",
    "  readonly bus: TypedEventBus<PublishedEvents>;",
    ...(usesCache(model, service) ? ["  readonly cache: Cache;"] : []),
    `  /** Only the calls the spec declares for ${service.id}. */`,
    `  readonly clients: Clients<${literalUnion(endpoints)}, ${literalUnion(externals)}>;`,
    "}",
    "",
    `/** Implement these in src/handlers.ts: one method per endpoint and per consumer of ${service.id}. */`,
    "export interface Handlers {",
  ];
  for (const e of service.endpoints) {
    const t = typeName(e.name);
    lines.push(`  /** ${e.method} ${e.path}${e.summary ? ` — ${e.summary}` : ""} */`, `  ${e.name}: Handler<${t}Params, ${t}Query, ${t}Body, ${t}Response, Deps>;`);
  }
  for (const c of service.consumers) {
    lines.push(`  /** Consumes ${c.event} (retries ${c.retries}${c.deadLetter ? ", then dead-letter" : ""}). */`, `  ${c.handler}(payload: ${payload(model, c.event)}, context: EventContext<${payload(model, c.event)}>): Promise<void>;`);
  }
  lines.push("}", "", `export const ENDPOINT_HANDLERS = ${JSON.stringify(service.endpoints.map((e) => e.name))} as const;`);
  lines.push(`export const CONSUMER_HANDLERS = ${JSON.stringify(service.consumers.map((c) => c.handler))} as const;`, "");
  return lines.join("\n");
}

/** One stub per handler for the user's src/handlers.ts; each answers 501 until written. */
export function handlerStubs(service: Service): HandlerStub[] {
  return [
    ...service.endpoints.map((e) => ({ name: e.name, text: `async ${e.name}(req) {\n  throw new NotImplemented("${service.id}.${e.name}");\n}` })),
    ...service.consumers.map((c) => ({ name: c.handler, text: `async ${c.handler}(payload, context) {\n  throw new NotImplemented("${service.id}.${c.handler} (consumer of ${c.event})");\n}` })),
  ];
}
