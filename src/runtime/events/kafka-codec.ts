import type { IHeaders, KafkaMessage, Message } from "kafkajs";
import type { EventEnvelope } from "../contracts.js";
import { HEADERS } from "./envelope.js";

const ENVELOPE_HEADERS: ReadonlySet<string> = new Set([
  HEADERS.id,
  HEADERS.type,
  HEADERS.correlationId,
  HEADERS.occurredAt,
]);

/**
 * The Kafka record of an envelope: key, JSON payload as value, id/type/correlation id/occurredAt and extra headers.
 *
 * @example
 * await producer.send({ topic: envelope.topic, messages: [toKafkaMessage(envelope)] });
 */
export function toKafkaMessage(envelope: EventEnvelope): Message {
  const headers: IHeaders = {
    ...envelope.headers,
    [HEADERS.id]: envelope.id,
    [HEADERS.type]: envelope.type,
    [HEADERS.occurredAt]: envelope.occurredAt,
  };
  if (envelope.correlationId !== undefined) headers[HEADERS.correlationId] = envelope.correlationId;
  return { key: envelope.key ?? null, value: JSON.stringify(envelope.payload), headers };
}

/**
 * The envelope of a consumed Kafka record. Records from other producers may lack archkit's
 * headers: the id then is `<topic>-<partition>-<offset>` (still unique, so idempotency holds),
 * and a value that is not JSON becomes a string payload (which fails validation and is dead-lettered).
 *
 * @example
 * eachMessage: async ({ topic, partition, message }) => handler(fromKafkaMessage(topic, partition, message));
 */
export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): EventEnvelope {
  const headers = headerStrings(message.headers);
  const extra = Object.fromEntries(Object.entries(headers).filter(([name]) => !ENVELOPE_HEADERS.has(name)));
  const key = message.key === null || message.key === undefined ? undefined : message.key.toString("utf8");
  const correlationId = headers[HEADERS.correlationId];
  return {
    id: headers[HEADERS.id] ?? `${topic}-${partition}-${message.offset}`,
    type: headers[HEADERS.type] ?? "",
    topic,
    ...(key === undefined ? {} : { key }),
    payload: parseValue(message.value),
    ...(correlationId === undefined ? {} : { correlationId }),
    occurredAt: headers[HEADERS.occurredAt] ?? new Date(Number(message.timestamp)).toISOString(),
    headers: extra,
  };
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}

function parseValue(value: Buffer | null): unknown {
  if (value === null) return null;
  const text = value.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
