import type { Model, PostgresStore, Service, StateMachine } from "../../model/index.js";
import { kyselyTypes } from "./db-types.js";
import { typeName } from "./ts-types.js";

/** `generated/service.ts`: starts the service on the runtime with the user's handlers. */
export function serviceFile(service: Service): string {
  const fn = `start${typeName(service.id)}`;
  return [
    'import { readFileSync } from "node:fs";',
    'import type { Model } from "archkit/model";',
    'import { startService, type AnyHandler, type EventHandler, type RunningService, type StartServiceOptions } from "archkit/runtime";',
    'import { CONSUMER_HANDLERS, ENDPOINT_HANDLERS, type Handlers } from "./handlers.js";',
    "",
    "/** The normalized architecture, written by `archkit generate` next to the services. */",
    'export const model = JSON.parse(readFileSync(new URL("../../../model.json", import.meta.url), "utf8")) as Model;',
    "",
    `export type Start${typeName(service.id)}Options = Omit<StartServiceOptions, "model" | "service" | "handlers" | "consumers">;`,
    "",
    `/** Start ${service.id} (${service.title}) with everything its spec declares; env: PORT (${service.port}), DATABASE_URL, REDIS_URL, KAFKA_BROKERS. */`,
    `export function ${fn}(handlers: Handlers, options: Start${typeName(service.id)}Options = {}): Promise<RunningService> {`,
    "  const pick = <T>(names: readonly string[]) => Object.fromEntries(names.map((name) => [name, (handlers as unknown as Record<string, T>)[name]])) as Record<string, T>;",
    `  return startService({ ...options, model, service: ${JSON.stringify(service.id)}, handlers: pick<AnyHandler>(ENDPOINT_HANDLERS), consumers: pick<EventHandler>(CONSUMER_HANDLERS) });`,
    "}",
    "",
  ].join("\n");
}

/** `generated/db.ts`: Kysely types of the service's postgres stores. */
export function dbFile(model: Model, service: Service): string {
  const stores = model.stores.filter((s): s is PostgresStore => s.kind === "postgres" && service.stores.includes(s.id));
  return stores.length === 0 ? "export {};\n" : kyselyTypes(stores);
}

/** `generated/state-machines.ts`: state and event types and a typed transition function per machine. */
export function stateMachinesFile(model: Model, service: Service): string {
  const machines = model.stateMachines.filter((m) => service.stateMachines.includes(m.id));
  if (machines.length === 0) return "export {};\n";
  const lines = ['import { createStateMachine, type StateMachine } from "archkit/runtime";', 'import { model } from "./service.js";', ""];
  for (const m of machines) lines.push(...machineLines(m));
  return lines.join("\n");
}

function machineLines(m: StateMachine): string[] {
  const events = [...new Set(m.transitions.map((t) => t.on))];
  const union = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(" | ") || "never";
  return [
    `export type ${m.id}State = ${union(m.states)};`,
    `export type ${m.id}Event = ${union(events)};`,
    `/** ${m.title}: starts in \`${m.initial}\`; an undeclared transition throws a 409 problem. */`,
    `export const ${m.id.charAt(0).toLowerCase()}${m.id.slice(1)}Machine: StateMachine<${m.id}State, ${m.id}Event> = createStateMachine<${m.id}State, ${m.id}Event>(model, ${JSON.stringify(m.id)});`,
    "",
  ];
}

/** `generated/index.ts` */
export function indexFile(service: Service, hasMachines: boolean): string {
  return [
    'export * from "./types.js";',
    'export type { Deps, Handlers, PublishedEvents } from "./handlers.js";',
    'export { ENVIRONMENT, PORT, SERVICE } from "./config.js";',
    `export { model, start${typeName(service.id)} } from "./service.js";`,
    `export type { Start${typeName(service.id)}Options } from "./service.js";`,
    'export type * from "./db.js";',
    ...(hasMachines ? ['export * from "./state-machines.js";'] : []),
    "",
  ].join("\n");
}
