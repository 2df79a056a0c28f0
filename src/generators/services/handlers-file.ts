import type { Model, Service } from "../../model/index.js";
import { declaredCalls, usesCache } from "./facts.js";
import type { HandlerStub } from "./merge-handlers.js";
import { render } from "./templates.js";
import { typeName } from "./ts-types.js";
import { payloadType } from "./types-file.js";

function published(service: Service): string[] {
  return [
    ...new Set([...service.endpoints.flatMap((e) => e.publishes), ...service.consumers.flatMap((c) => c.publishes)]),
  ].sort();
}

function payload(model: Model, event: string): string {
  return payloadType(model, model.events.find((e) => e.id === event)!);
}

/** `generated/handlers.ts`: the `Handlers` interface the user implements, and what a handler's `ctx.deps` holds. */
export function handlersFile(model: Model, service: Service): string {
  const { endpoints, externals } = declaredCalls(service);
  const typeImports = [
    ...service.endpoints.flatMap((e) => ["Params", "Query", "Body", "Response"].map((s) => `${typeName(e.name)}${s}`)),
    ...service.consumers.map((c) => payload(model, c.event)),
    ...published(service).map((e) => payload(model, e)),
  ];
  return render("generated/handlers.ts", {
    id: service.id,
    typeImports: [...new Set(typeImports)].sort(),
    published: published(service).map((name) => ({ name, type: payload(model, name) })),
    cache: usesCache(model, service),
    endpointCalls: endpoints,
    externalCalls: externals,
    endpoints: service.endpoints.map((e) => ({
      method: e.method,
      path: e.path,
      summary: e.summary,
      name: e.name,
      type: typeName(e.name),
    })),
    consumers: service.consumers.map((c) => ({
      event: c.event,
      retries: c.retries,
      deadLetter: c.deadLetter,
      handler: c.handler,
      payload: payload(model, c.event),
    })),
    endpointNames: service.endpoints.map((e) => e.name),
    consumerNames: service.consumers.map((c) => c.handler),
  });
}

/** One stub per handler for the user's src/handlers.ts; each answers 501 until written. */
export function handlerStubs(service: Service): HandlerStub[] {
  const stub = (name: string, params: string, event?: string) => ({
    name,
    text: render("handler-stub.ts", { name, params, service: service.id, event }).trimEnd(),
  });
  return [
    ...service.endpoints.map((e) => stub(e.name, "req")),
    ...service.consumers.map((c) => stub(c.handler, "payload, context", c.event)),
  ];
}
