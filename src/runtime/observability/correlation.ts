import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";

/** The header that carries the correlation id between services, and back to the caller. */
export const CORRELATION_HEADER = "x-request-id";

/** What one unit of work (a request or a consumed event) carries through async calls. */
export interface CorrelationContext {
  readonly correlationId: string;
  /** A logger whose lines carry `correlationId`. */
  readonly log: Logger;
  /** Headers an outgoing client call forwards (the caller's Authorization and identity). */
  readonly forwardHeaders: Readonly<Record<string, string>>;
  /** The user the request acts for, which a signed client call passes on. */
  readonly user?: { readonly id: string; readonly roles: readonly string[] };
}

const storage = new AsyncLocalStorage<CorrelationContext>();
const ACCEPTED_ID = /^[\w.:@/+=-]{1,200}$/;

/**
 * Runs `fn` with `context` visible to `currentCorrelation()` in everything it awaits.
 *
 * @example
 * await runWithCorrelation({ correlationId: "abc", log, forwardHeaders: {} }, () => handle(event));
 */
export function runWithCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * The context of the request or event being handled, if any.
 *
 * @example
 * const id = currentCorrelation()?.correlationId;
 */
export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

/**
 * The current correlation id, if any.
 *
 * @example
 * headers["x-request-id"] = currentCorrelationId() ?? newCorrelationId();
 */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/**
 * The current context's logger, or `fallback` outside any request or event.
 *
 * @example
 * currentLogger(rootLogger).warn("stock is low");
 */
export function currentLogger(fallback: Logger): Logger {
  return storage.getStore()?.log ?? fallback;
}

/**
 * A fresh correlation id (a UUID).
 *
 * @example
 * const id = newCorrelationId();
 */
export function newCorrelationId(): string {
  return randomUUID();
}

/**
 * The incoming `x-request-id` when it is a sane token (at most 200 characters of `[A-Za-z0-9_.:@/+=-]`),
 * otherwise a fresh id: a header value never reaches the logs unchecked.
 *
 * @example
 * const id = acceptCorrelationId(req.headers["x-request-id"]);
 */
export function acceptCorrelationId(header: string | readonly string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === "string" && ACCEPTED_ID.test(value) ? value : newCorrelationId();
}

/**
 * Runs `fn` as a unit of work with the given correlation id (a fresh one when absent), e.g. a
 * consumed event's, so its log lines and client calls carry it. Nothing is forwarded but the id.
 *
 * @example
 * const sendWelcomeEmail: EventHandler = (payload, context) =>
 *   withCorrelationId(context.correlationId, logger, () => clients.emailProvider({ path: "/send", body: payload }));
 */
export function withCorrelationId<T>(correlationId: string | undefined, logger: Logger, fn: () => T): T {
  const id = correlationId ?? newCorrelationId();
  let child: Logger | undefined;
  const context: CorrelationContext = {
    correlationId: id,
    get log() {
      child ??= logger.child({ correlationId: id });
      return child;
    },
    forwardHeaders: {},
  };
  return storage.run(context, fn);
}
