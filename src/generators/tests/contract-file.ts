import {
  invalidRequest,
  sampleUse,
  exampleUuid,
  invalidPayload,
  validRequest,
  type SampleRequest,
} from "../../checks/requests/index.js";
import { computeModel, type Consumer, type Endpoint, type Model, type Service } from "../../model/index.js";
import { typeName } from "../services/index.js";
import { literal, quote } from "./literal.js";

const INDENT = "    ";

/**
 * The contract tests of one service: per endpoint a valid request, an invalid one and the auth
 * refusals; per declared call between services the consumer-driven check; per event it publishes
 * the payload check, and per consumer a valid example it must accept.
 */
export function contractFile(model: Model, service: Service): string {
  const started = servicesUnderTest(model, service);
  return [
    ...header(service),
    ...imports(started),
    ...(usesFixtures(service) ? [`import { fixtures } from "../../services/${service.id}/src/fixtures.js";`] : []),
    "",
    "vi.setConfig({ testTimeout: 30_000, hookTimeout: 180_000 });",
    "",
    "const system = contractSystem({",
    "  model,",
    `  service: ${quote(service.id)},`,
    `  services: { ${started.map((id) => `${id}: service(start${typeName(id)}, ${handlersName(id)})`).join(", ")} },`,
    "});",
    "",
    "beforeAll(() => system.start());",
    "afterAll(() => system.close());",
    ...service.endpoints.flatMap((e) => ["", ...endpointBlock(model, e)]),
    ...callsBlock(service),
    ...eventsBlock(model, service),
    "",
  ].join("\n");
}

/**
 * The service and every service it calls, directly or through the services it calls (endpoint
 * and consumer calls alike): the ones its tests start. The service comes first.
 *
 * @example
 * servicesUnderTest(model, orders) // ["orders", "payments", "products"]
 */
export function servicesUnderTest(model: Model, service: Service): string[] {
  const computed = computeModel(model);
  const seen = new Set<string>([service.id]);
  const queue: string[] = [service.id];
  for (let current = queue.shift(); current; current = queue.shift()) {
    for (const callee of computed.service(current).callees) {
      if (seen.has(callee)) continue;
      seen.add(callee);
      queue.push(callee);
    }
  }
  return [service.id, ...[...seen].filter((id) => id !== service.id).sort()];
}

function header(service: Service): string[] {
  return [
    `// Contract tests of ${service.title === service.id ? service.id : `${service.id} (${service.title})`}, from the spec: run \`npx vitest run test/contracts\`.`,
    "// The services start in this process on the embedded defaults; set ARCHKIT_BASE_URL to the gateway of a",
    "// running system to check that instead. See the archkit docs (contracts.md).",
  ];
}

function imports(started: readonly string[]): string[] {
  const [self] = started;
  return [
    'import { afterAll, beforeAll, describe, it, vi } from "vitest";',
    ...started.flatMap((id) => [
      `import { ${id === self ? "model, " : ""}start${typeName(id)} } from "../../services/${id}/src/generated/index.js";`,
      `import { handlers as ${handlersName(id)} } from "../../services/${id}/src/handlers.js";`,
    ]),
    'import { contractSystem, service } from "./support/index.js";',
  ];
}

/** The file reads the service's fixtures for its consumers' payloads and its endpoints' requests. */
function usesFixtures(service: Service): boolean {
  return service.consumers.length > 0 || service.endpoints.some(takesFixtureRequests);
}

/**
 * Endpoints whose requests built from the spec rarely reach the handler's end: those naming a row
 * by a path parameter (a sampled id matches no row) and those that publish events. Their contract
 * tests also send the requests the fixtures give.
 */
function takesFixtureRequests(endpoint: Endpoint): boolean {
  return endpoint.pathParams.length > 0 || endpoint.publishes.length > 0;
}

/** `fixtures.events?.OrderCreated`, or `fixtures.events?.["order-created"]` for a key that is no identifier. */
function fixtureMember(group: "events" | "requests", key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `fixtures.${group}?.${key}` : `fixtures.${group}?.[${quote(key)}]`;
}

function handlersName(id: string): string {
  return `${id}Handlers`;
}

function endpointBlock(model: Model, endpoint: Endpoint): string[] {
  const title = `${endpoint.id}: ${endpoint.method} ${endpoint.path}`;
  const valid = validRequest(model, endpoint);
  if (valid.kind === "unsupported")
    return [
      `it.todo(${quote(`${title}: no valid request could be built (${valid.reason}); give its schemas \`examples\``)});`,
    ];
  const id = quote(endpoint.id);
  const request = requestLiteral(valid.request);
  const tests: string[][] = [];
  if (valid.source.kind === "example") {
    tests.push(
      test(
        `answers the example of flow ${valid.source.flow} with a declared 2xx and a body matching its schema`,
        `system.checkValid(ctx, ${id}, ${request}, "2xx")`,
      ),
    );
  } else {
    tests.push(
      test(
        "answers a valid request with a declared status and a body matching its schema",
        `system.checkValid(ctx, ${id}, ${request})`,
      ),
    );
  }
  if (takesFixtureRequests(endpoint))
    tests.push(
      test(
        `answers each request the fixtures give (requests.${endpoint.name}) with the status it names, or a declared 2xx`,
        `system.checkFixtureRequests(ctx, ${id}, ${request}, ${fixtureMember("requests", endpoint.name)})`,
      ),
    );
  const invalid = invalidRequest(model, endpoint, valid.request);
  if (invalid.kind === "ok") {
    tests.push(
      test(
        `answers 400 problem+json naming ${invalid.pointer} when the request ${invalid.change}`,
        `system.checkInvalid(ctx, ${id}, ${requestLiteral(invalid.request)}, ${quote(invalid.pointer)})`,
      ),
    );
  }
  if (endpoint.public && model.gateway?.auth && endpoint.auth.kind !== "none") {
    tests.push(test("answers 401 problem+json without a token", `system.checkUnauthorized(ctx, ${id}, ${request})`));
    if (endpoint.auth.kind === "role")
      tests.push(
        test(
          `answers 403 problem+json to a token without the role ${endpoint.auth.role}`,
          `system.checkForbidden(ctx, ${id}, ${request})`,
        ),
      );
  }
  return [`describe(${quote(title)}, () => {`, ...tests.flatMap((t, i) => (i === 0 ? t : ["", ...t])), "});"];
}

function requestLiteral(request: SampleRequest): string {
  return literal(request, INDENT);
}

function test(name: string, call: string): string[] {
  return [`  it(${quote(name)}, (ctx) =>`, `    ${call});`];
}

function callsBlock(service: Service): string[] {
  const calls = [
    ...new Set(
      [...service.endpoints.flatMap((e) => e.calls), ...service.consumers.flatMap((c) => c.calls)].flatMap((c) =>
        c.kind === "endpoint" ? [c.target as string] : [],
      ),
    ),
  ].sort();
  if (calls.length === 0) return [];
  const tests = calls.map((call) =>
    test(
      `${service.id} -> ${call}: every request matches ${call}'s request schema and every answer is one it declares`,
      `system.checkCall(ctx, ${quote(call)})`,
    ),
  );
  return [
    "",
    `describe(${quote(`calls of ${service.id}`)}, () => {`,
    ...tests.flatMap((t, i) => (i === 0 ? t : ["", ...t])),
    "});",
  ];
}

function eventsBlock(model: Model, service: Service): string[] {
  const computed = computeModel(model);
  const tests: string[][] = service.consumers.flatMap((consumer) => consumerTests(model, consumer));
  for (const event of computed.service(service.id).publishes)
    tests.push(
      test(
        `${event} payloads published during these tests match the event's schema`,
        `system.checkPublished(ctx, ${quote(event)})`,
      ),
    );
  if (tests.length === 0) return [];
  return [
    "",
    `describe(${quote(`events of ${service.id}`)}, () => {`,
    ...tests.flatMap((t, i) => (i === 0 ? t : ["", ...t])),
    "});",
  ];
}

/**
 * A consumer's two checks: a valid payload (the fixtures' own when they give one, else one built
 * from the schema) is handled, an invalid one is refused as the runtime refuses it. They come before
 * the published-event checks, so the events consumers publish are there to check.
 */
function consumerTests(model: Model, consumer: Consumer): string[][] {
  const event = computeModel(model).findEvent(consumer.event);
  if (!event) return [];
  const sampled = sampleUse(model, event.schema, `event/${event.id}`, { uuid: exampleUuid(model) });
  const given = fixtureMember("events", event.id);
  const valid = sampled.kind === "ok" ? `${given} ?? ${literal(sampled.value, INDENT)}` : given;
  const tests = [
    test(
      `${consumer.handler} takes a valid ${event.id} (the fixtures' when they give one) without sending it to the dead-letter topic`,
      `system.checkConsumed(ctx, ${quote(consumer.handler)}, ${quote(event.id)}, ${valid})`,
    ),
  ];
  const invalid = sampled.kind === "ok" ? invalidPayload(model, event, sampled.value) : undefined;
  if (invalid?.kind === "ok") {
    const outcome = consumer.deadLetter ? "dead-lettered at once" : "dropped";
    tests.push(
      test(
        `${consumer.handler} never runs for ${article(event.id)} ${event.id} that ${invalid.change}: it is ${outcome}`,
        `system.checkRejected(ctx, ${quote(consumer.handler)}, ${quote(event.id)}, ${literal(invalid.payload, INDENT)})`,
      ),
    );
  }
  return tests;
}

/** "a" or "an" before a name, by its first letter. */
function article(name: string): string {
  return /^[aeiou]/i.test(name) ? "an" : "a";
}
