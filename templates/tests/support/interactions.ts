import type { Endpoint, Model } from "archkit/model";
import { backoffDelay, compilePayloadValidators, createEnvelope } from "archkit/runtime";
import { ContractFailure, declared, endpointOf, eventOf, matchPath, problemsOf, schemaName, serviceOf, type TestContext } from "./model.js";
import { handlerFindings } from "./findings.js";
import type { CallExchange } from "./recorders.js";
import type { Target } from "./target.js";

/**
 * Consumer-driven check of one declared call: every request `caller` sent to the provider during
 * this file's tests matches the provider's request schemas, and every answer is a status the
 * provider declares with a body matching its schema (what the caller's client was generated for).
 */
export function checkCall(ctx: TestContext, target: Target, caller: string, call: string): void {
  const local = target.local ?? ctx.skip("calls between services are observed only when the services run in this process");
  const endpoint = endpointOf(target.model, call);
  const proxy = local.proxies.get(endpoint.service);
  const exchanges = (proxy?.exchanges ?? []).filter((x) => x.caller === caller && x.method === endpoint.method && matchPath(endpoint.path, x.path) !== undefined);
  if (exchanges.length === 0) ctx.skip(`${caller} did not call ${call} during these tests`);
  const broken = exchanges.flatMap((x) => {
    const found = exchangeProblems(target.model, endpoint, x);
    if (found.length === 0) return [];
    const findings = x.correlationId === undefined ? [] : handlerFindings(target, endpoint, x.correlationId, x.status);
    return [`${x.method} ${x.path}: ${[...found, ...findings].join("; ")}`];
  });
  if (broken.length > 0) throw new ContractFailure(`${caller} -> ${call}: ${broken.length} of ${exchanges.length} call(s) broke the contract\n  ${broken.join("\n  ")}`);
}

function exchangeProblems(model: Model, endpoint: Endpoint, exchange: CallExchange): string[] {
  const problems: string[] = [];
  const params = matchPath(endpoint.path, exchange.path) ?? {};
  for (const parameter of endpoint.request.params) {
    const value = params[parameter.name];
    if (value !== undefined) problems.push(...problemsOf(model, parameter.schema, coerce(value), `/params/${parameter.name}`).map((p) => `request ${p}`));
  }
  if (endpoint.request.body) {
    if (exchange.body === undefined) problems.push(`request has no body; ${schemaName(endpoint.request.body)} is required`);
    else problems.push(...problemsOf(model, endpoint.request.body, exchange.body, "/body").map((p) => `request breaks ${schemaName(endpoint.request.body!)}: ${p}`));
  }
  const response = endpoint.responses.find((r) => r.status === exchange.status);
  if (!response) problems.push(`answered ${exchange.status}, which ${endpoint.id} does not declare (${declared(endpoint)})`);
  else if (response.schema) problems.push(...problemsOf(model, response.schema, exchange.answer).map((p) => `answer ${exchange.status} breaks ${schemaName(response.schema!)}: ${p}`));
  return problems;
}

/** Path values arrive as text; a number-looking value is checked as a number, like the service coerces it. */
function coerce(value: string): unknown {
  return value !== "" && !Number.isNaN(Number(value)) && /^-?\d/.test(value) ? Number(value) : value;
}

/** Every `event` published while this file's tests ran matches the event's schema. */
export function checkPublished(ctx: TestContext, target: Target, event: string): void {
  const local = target.local ?? ctx.skip("events are observed only when the services run in this process");
  const definition = eventOf(target.model, event);
  const published = local.events.envelopes.filter((e) => e.type === event && e.topic === definition.topic);
  if (published.length === 0) ctx.skip(`no ${event} was published during these tests`);
  const validator = compilePayloadValidators(target.model, [definition]).get(event);
  const problems = published.flatMap((e) => (validator?.check(e.payload) ?? []).map((p) => `event ${e.id}: ${p}`));
  if (problems.length > 0) throw new ContractFailure(`${event} payloads break ${schemaName(definition.schema)}:\n  ${problems.join("\n  ")}`);
}

/**
 * A valid example of `event`, published on the broker, is taken by the consumer's handler: it
 * completes (after retries, if it threw) before the consumer gives up and dead-letters it.
 */
export async function checkConsumed(ctx: TestContext, target: Target, service: string, handler: string, event: string, payload: unknown): Promise<void> {
  const local = target.local ?? ctx.skip("consumers are checked only when the services run in this process");
  if (payload === undefined) ctx.skip(`no valid ${event} could be built from its schema: give one in the fixtures of ${service} (events.${event})`);
  const definition = eventOf(target.model, event);
  const consumer = serviceOf(target.model, service).consumers.find((c) => c.handler === handler && c.event === definition.id);
  if (!consumer) throw new ContractFailure(`${service} has no consumer ${handler} of ${event}; regenerate the contract tests`);
  const key = definition.key === undefined ? undefined : (payload as Record<string, unknown>)[definition.key];
  const envelope = createEnvelope({ type: event, topic: definition.topic, payload, key: key === undefined ? undefined : String(key), correlationId: `contract-${handler}` });
  await local.events.send(envelope);
  const timeoutMs = retryWindowMs(consumer.retries, consumer.backoffMs);
  const watch = { done: false };
  const outcome = await Promise.race([local.handlers.accepts(handler, envelope.id, timeoutMs).then((ok) => (ok ? ("accepted" as const) : undefined)), deadLettered(target, envelope.id, consumer.group, timeoutMs, watch)]);
  watch.done = true;
  if (outcome === "accepted") return;
  const where = `${service}.${handler} given a valid ${event}`;
  const failures = local.handlers.failuresOf(handler, envelope.id);
  const last = failures.length === 0 ? "" : `; it threw ${failures.length} time(s), last: ${failures[failures.length - 1]}`;
  if (outcome === undefined) throw new ContractFailure(`${where}: not taken within ${Math.round(timeoutMs / 1000)}s${last}`);
  throw new ContractFailure(`${where}: dead-lettered after ${outcome.attempts} attempt(s): ${outcome.error}`);
}

/**
 * An invalid `event` published on the broker never reaches the consumer's handler: the runtime
 * dead-letters it at once (no attempt) when the consumer has a dead-letter topic, else drops it.
 */
export async function checkRejected(ctx: TestContext, target: Target, service: string, handler: string, event: string, payload: unknown): Promise<void> {
  const local = target.local ?? ctx.skip("consumers are checked only when the services run in this process");
  const definition = eventOf(target.model, event);
  const consumer = serviceOf(target.model, service).consumers.find((c) => c.handler === handler && c.event === definition.id);
  if (!consumer) throw new ContractFailure(`${service} has no consumer ${handler} of ${event}; regenerate the contract tests`);
  const envelope = createEnvelope({ type: event, topic: definition.topic, payload, correlationId: `contract-${handler}-invalid` });
  await local.events.send(envelope);
  const where = `${service}.${handler} given an invalid ${event}`;
  if (consumer.deadLetter) {
    const dead = await deadLettered(target, envelope.id, consumer.group, REFUSAL_WINDOW_MS, { done: false });
    if (!dead) throw new ContractFailure(`${where}: not dead-lettered within ${REFUSAL_WINDOW_MS / 1000}s`);
    if (dead.attempts !== "0") throw new ContractFailure(`${where}: dead-lettered after ${dead.attempts} attempt(s) instead of at once: ${dead.error}`);
  } else {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  if (local.handlers.ran(handler, envelope.id)) throw new ContractFailure(`${where}: the handler ran; the consumer must refuse a payload its schema refuses`);
}

const REFUSAL_WINDOW_MS = 10_000;

/** How long the consumer's retries take with their backoff, plus room for the handler itself; at most 25 s. */
function retryWindowMs(retries: number, backoffMs: number): number {
  let total = 3_000;
  for (let attempt = 1; attempt <= retries; attempt++) total += backoffDelay(backoffMs, attempt);
  return Math.min(total, 25_000);
}

async function deadLettered(target: Target, eventId: string, group: string, timeoutMs: number, watch: { readonly done: boolean }): Promise<{ error: string; attempts: string } | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !watch.done) {
    const dead = target.local?.events.deadLetter(eventId, group);
    if (dead) return { error: dead.headers["x-error"] ?? "no reason given", attempts: dead.headers["x-attempts"] ?? "?" };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}
