import { randomUUID } from "node:crypto";
import type { EventEnvelope } from "../contracts.js";

/** Header names every transport uses for the envelope's fields and for dead-letter details. */
export const HEADERS = {
  id: "x-event-id",
  type: "x-event-type",
  correlationId: "x-correlation-id",
  occurredAt: "x-occurred-at",
  error: "x-error",
  attempts: "x-attempts",
  originalTopic: "x-original-topic",
  consumerGroup: "x-consumer-group",
} as const;

/** Longest `x-error` header kept; error messages beyond it are cut. */
const MAX_ERROR_HEADER = 1_000;

export interface NewEnvelope<T> {
  readonly type: string;
  readonly topic: string;
  readonly payload: T;
  readonly key?: string;
  readonly correlationId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A fresh envelope: new uuid, `occurredAt` now.
 *
 * @example
 * createEnvelope({ type: "OrderCreated", topic: "orders.order-created", key: order.id, payload });
 */
export function createEnvelope<T>(input: NewEnvelope<T>): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type: input.type,
    topic: input.topic,
    ...(input.key === undefined ? {} : { key: input.key }),
    payload: input.payload,
    ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
    occurredAt: new Date().toISOString(),
    headers: { ...input.headers },
  };
}

export interface DeadLetter {
  readonly topic: string;
  readonly error: string;
  readonly attempts: number;
  readonly group: string;
}

/**
 * The envelope as it goes to a dead-letter topic: same id, type, key and payload; the failure in headers.
 *
 * @example
 * deadLetterEnvelope(envelope, { topic: "orders.order-created.dlq", error: "card declined", attempts: 6, group: "shop.payments" });
 */
export function deadLetterEnvelope(envelope: EventEnvelope, dead: DeadLetter): EventEnvelope {
  return {
    ...envelope,
    topic: dead.topic,
    headers: {
      ...envelope.headers,
      [HEADERS.error]:
        dead.error.length > MAX_ERROR_HEADER ? `${dead.error.slice(0, MAX_ERROR_HEADER - 1)}…` : dead.error,
      [HEADERS.attempts]: String(dead.attempts),
      [HEADERS.originalTopic]: envelope.topic,
      [HEADERS.consumerGroup]: dead.group,
    },
  };
}

/** The message of a thrown value, for headers and logs. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : (JSON.stringify(error) ?? String(error));
}
