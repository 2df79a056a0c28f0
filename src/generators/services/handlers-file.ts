import {
  CALLS_TYPE,
  type ComputedModel,
  type ComputedService,
  endpointTypeNames,
  handlerDepsTypeName,
  type Service,
} from "../../model/index.js";
import type { HandlerStub } from "./merge-handlers.js";
import { render } from "./templates.js";
import { typeName } from "./ts-types.js";
import { payloadType } from "./types-file.js";

function payload(computed: ComputedModel, event: string): string {
  return payloadType(computed, computed.event(event));
}

/** `generated/handlers.ts`: the `Handlers` interface the user implements, and what a handler's `ctx.deps` holds. */
export function handlersFile(computed: ComputedModel, service: ComputedService): string {
  const published = service.publishes;
  const typeImports = [
    ...service.endpoints.flatMap((e) => endpointTypeNames(e.name)),
    ...service.consumers.map((c) => payload(computed, c.event)),
    ...published.map((e) => payload(computed, e)),
  ];
  return render("generated/handlers.ts", {
    id: service.id,
    typeImports: [...new Set(typeImports)].sort(),
    published: published.map((name) => ({ name, type: payload(computed, name) })),
    cache: service.cacheStores.length > 0,
    calls: CALLS_TYPE,
    database: service.needs.database !== null,
    handlers: service.handlers.map((h) => ({
      name: h.name,
      deps: handlerDepsTypeName(h.name),
      publishes: sorted(h.publishes),
    })),
    externalCalls: [...service.externals],
    endpoints: service.endpoints.map((e) => ({
      method: e.method,
      path: e.path,
      summary: e.summary,
      name: e.name,
      type: typeName(e.name),
      deps: handlerDepsTypeName(e.name),
    })),
    consumers: service.consumers.map((c) => ({
      event: c.event,
      retries: c.retries,
      deadLetter: c.deadLetter,
      handler: c.handler,
      payload: payload(computed, c.event),
      deps: handlerDepsTypeName(c.handler),
    })),
    endpointNames: service.endpoints.map((e) => e.name),
    consumerNames: service.consumers.map((c) => c.handler),
  });
}

function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
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
