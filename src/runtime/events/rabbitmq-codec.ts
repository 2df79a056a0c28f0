import { createHash } from "node:crypto";
import type { ConsumeMessage, Options } from "amqplib";
import type { EventEnvelope } from "../contracts.js";
import { HEADERS } from "./envelope.js";

/** The envelope's key; absent for events without one. */
export const KEY_HEADER = "x-event-key";
/** What the consistent-hash exchange hashes: the key, or the event id for events without one (spread evenly). */
export const ROUTE_HEADER = "x-event-route";

const ENVELOPE_HEADERS: ReadonlySet<string> = new Set([
  HEADERS.id,
  HEADERS.type,
  HEADERS.correlationId,
  HEADERS.occurredAt,
  KEY_HEADER,
  ROUTE_HEADER,
]);

/** Headers RabbitMQ adds on redelivery and dead-lettering; not part of the envelope. */
const BROKER_HEADER = /^x-(delivery-count|death|first-death-.*|last-death-.*)$/;

export interface AmqpMessage {
  readonly content: Buffer;
  readonly options: Options.Publish;
}

/**
 * The AMQP message of an envelope: JSON payload as body, routing key = topic, the envelope's
 * fields in headers (as the Kafka transport has them) and in the standard properties, persistent.
 *
 * @example
 * const { content, options } = toAmqpMessage(envelope);
 * channel.publish("shop", envelope.topic, content, options);
 */
export function toAmqpMessage(envelope: EventEnvelope): AmqpMessage {
  const headers: Record<string, string> = {
    ...envelope.headers,
    [HEADERS.id]: envelope.id,
    [HEADERS.type]: envelope.type,
    [HEADERS.occurredAt]: envelope.occurredAt,
    [ROUTE_HEADER]: envelope.key ?? envelope.id,
  };
  if (envelope.key !== undefined) headers[KEY_HEADER] = envelope.key;
  if (envelope.correlationId !== undefined) headers[HEADERS.correlationId] = envelope.correlationId;
  return {
    content: Buffer.from(JSON.stringify(envelope.payload)),
    options: {
      persistent: true,
      contentType: "application/json",
      messageId: envelope.id,
      type: envelope.type,
      timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
      ...(envelope.correlationId === undefined ? {} : { correlationId: envelope.correlationId }),
      headers,
    },
  };
}

/**
 * The envelope of a delivery; the topic is the routing key. Messages from other publishers may
 * lack archkit's headers: the standard properties are used instead, and without a message id the
 * id is a hash of routing key, body and headers (the same on every redelivery, so idempotency
 * holds). A message RabbitMQ itself dead-lettered (delivery limit) gets the `x-error`,
 * `x-attempts` and `x-original-topic` headers the bus writes.
 *
 * @example
 * await channel.consume(queue, (message) => message && handler(fromAmqpMessage(message)));
 */
export function fromAmqpMessage(message: ConsumeMessage): EventEnvelope {
  const raw = (message.properties.headers ?? {}) as Record<string, unknown>;
  const headers = headerStrings(raw);
  const topic = message.fields.routingKey;
  const key = headers[KEY_HEADER];
  const correlationId = headers[HEADERS.correlationId] ?? stringOrUndefined(message.properties.correlationId);
  const extra = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !ENVELOPE_HEADERS.has(name) && !BROKER_HEADER.test(name)),
  );
  return {
    id: headers[HEADERS.id] ?? stringOrUndefined(message.properties.messageId) ?? foreignId(message),
    type: headers[HEADERS.type] ?? stringOrUndefined(message.properties.type) ?? "",
    topic,
    ...(key === undefined ? {} : { key }),
    payload: parseBody(message.content),
    ...(correlationId === undefined ? {} : { correlationId }),
    occurredAt: headers[HEADERS.occurredAt] ?? occurredAt(message.properties.timestamp),
    headers: { ...extra, ...brokerDeadLetter(raw, extra) },
  };
}

/** The bus's dead-letter headers for a message the broker dead-lettered itself, when the bus did not. */
function brokerDeadLetter(raw: Record<string, unknown>, extra: Record<string, string>): Record<string, string> {
  const reason = raw["x-first-death-reason"];
  if (reason === undefined || extra[HEADERS.error] !== undefined) return {};
  const deaths = Array.isArray(raw["x-death"]) ? (raw["x-death"] as { "routing-keys"?: unknown[] }[]) : [];
  const original = deaths.at(-1)?.["routing-keys"]?.[0];
  const queue = String(raw["x-first-death-queue"] ?? "");
  return {
    [HEADERS.error]: `RabbitMQ dead-lettered it from queue ${queue} (${String(reason)}): it was delivered too often without an acknowledgement`,
    [HEADERS.attempts]: String(raw["x-delivery-count"] ?? ""),
    ...(original === undefined ? {} : { [HEADERS.originalTopic]: String(original) }),
  };
}

function headerStrings(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === "string") out[name] = value;
    else if (Buffer.isBuffer(value)) out[name] = value.toString("utf8");
    else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
      out[name] = String(value);
  }
  return out;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function occurredAt(timestamp: unknown): string {
  return typeof timestamp === "number" ? new Date(timestamp * 1000).toISOString() : new Date(0).toISOString();
}

function foreignId(message: ConsumeMessage): string {
  const hash = createHash("sha256")
    .update(message.fields.routingKey)
    .update(message.content)
    .update(JSON.stringify(message.properties.headers ?? {}))
    .digest("hex");
  return `${message.fields.routingKey}-${hash.slice(0, 32)}`;
}

function parseBody(content: Buffer): unknown {
  const text = content.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
