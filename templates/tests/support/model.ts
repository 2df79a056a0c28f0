import type { Endpoint, Event, Model, SchemaUse, Service } from "archkit/model";
import { computeModel, fieldErrors, runtimeAjv, schemaOf, type RuntimeAjv } from "archkit/runtime";

type ValidateFunction = ReturnType<RuntimeAjv["response"]["compile"]>;

/** What a contract test is given: vitest's test context satisfies it. */
export interface TestContext {
  skip(note?: string): never;
}

/** One request as the generated tests write it. */
export interface SampleRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | number | boolean>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** The user id it is sent as; a random one when absent. */
  readonly user?: string;
}

/** A broken contract; the message says what, where and what was expected. */
export class ContractFailure extends Error {
  override readonly name = "ContractFailure";
}

export function serviceOf(model: Model, id: string): Service {
  const service = computeModel(model).findService(id)?.def;
  if (!service) throw new ContractFailure(`the model has no service ${id}; regenerate the contract tests (archkit generate --only tests)`);
  return service;
}

export function endpointOf(model: Model, id: string): Endpoint {
  const endpoint = computeModel(model).findEndpoint(id);
  if (!endpoint) throw new ContractFailure(`the model has no endpoint ${id}; regenerate the contract tests (archkit generate --only tests)`);
  return endpoint;
}

export function eventOf(model: Model, id: string): Event {
  const event = model.events.find((e) => e.id === id);
  if (!event) throw new ContractFailure(`the model has no event ${id}; regenerate the contract tests (archkit generate --only tests)`);
  return event;
}

/** `Order`, or `inline schema` for a schema written in place. */
export function schemaName(use: SchemaUse): string {
  return use.kind === "named" ? use.name : "its inline schema";
}

const compiled = new WeakMap<SchemaUse, ValidateFunction>();

/**
 * The problems of a value against a schema of the model, one `pointer message` line each; empty when valid.
 * Validated as it arrives (no defaults, no coercion), like the service checks its own answers.
 */
export function problemsOf(model: Model, use: SchemaUse, value: unknown, prefix = ""): string[] {
  let validate = compiled.get(use);
  if (!validate) {
    validate = runtimeAjv(model).response.compile(schemaOf(use));
    compiled.set(use, validate);
  }
  if (validate(value)) return [];
  return fieldErrors(validate.errors, prefix).map((e) => `${e.pointer || "/"} ${e.message}`);
}

/** Declared statuses of an endpoint, for messages: `200 Order, 404 Problem`. */
export function declared(endpoint: Endpoint): string {
  return endpoint.responses.map((r) => (r.schema ? `${r.status} ${schemaName(r.schema)}` : `${r.status} (no body)`)).join(", ");
}

/** Path parameter values from a concrete path, or undefined when the path is not the endpoint's. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]*)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  const match = new RegExp(`^${source}/?$`).exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]));
}

/** The URL of a request: path parameters filled in, the query appended. */
export function urlOf(baseUrl: string, endpoint: Endpoint, request: SampleRequest): string {
  const path = endpoint.path.replace(/\{([^}]*)\}/g, (_, name: string) => encodeURIComponent(request.params[name] ?? ""));
  const query = new URLSearchParams(Object.entries(request.query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return `${baseUrl.replace(/\/+$/, "")}${path}${query === "" ? "" : `?${query}`}`;
}
