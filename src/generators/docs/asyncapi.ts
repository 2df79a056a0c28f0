import { queueTechnology } from "./views/view.js";
import type { ComputedModel, Event, JsonSchema } from "../../model/index.js";
import { count, duration, joinWords } from "./format.js";
import { resolveSchema, serviceTitle } from "./lookup.js";
import { reachableSchemas, schemaForUse } from "./schemas.js";

const KAFKA_BINDING = "0.5.0";

/** AsyncAPI 3.0 of every event: a channel per topic and per dead-letter topic, send and receive operations per handler. */
export function asyncapiDocument(computed: ComputedModel): Record<string, unknown> {
  const model = computed.model;
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const event of model.events) {
    channels[event.id] = channel(event, event.topic, description(computed, event));
    messages[event.id] = message(computed, event);
    const deadLettered = computed.deadLetterersOf(event.id);
    if (deadLettered.length > 0)
      channels[deadLetterId(event)] = channel(
        event,
        event.deadLetterTopic,
        `Messages of ${event.topic} that still failed after their consumer's retries.`,
      );
    for (const p of computed.publishersOf(event.id))
      operations[`${p.service}.${p.by}.publish${event.id}`] = op(
        "send",
        event.id,
        event.id,
        `${p.service}.${p.by} publishes ${event.id}`,
      );
    for (const c of computed.consumersOf(event.id))
      operations[`${c.service}.${c.handler}`] = op(
        "receive",
        event.id,
        event.id,
        `${c.service}.${c.handler} handles ${event.id}`,
      );
    for (const d of deadLettered) {
      operations[`${d.service}.${d.handler}.deadLetter`] = op(
        "send",
        deadLetterId(event),
        event.id,
        `${d.service}.${d.handler} moves a message here after ${count(d.retries, "retry", "retries")}`,
      );
    }
  }
  const schemas = Object.fromEntries(
    reachableSchemas(
      computed,
      model.events.map((e) => e.schema),
    ),
  );
  return {
    asyncapi: "3.0.0",
    info: {
      title: `${model.system.title} events`,
      version: model.system.version,
      description: `Domain events of ${model.system.title}, one ${queueTechnology(model)} topic each.`,
    },
    defaultContentType: "application/json",
    channels,
    operations,
    components: { messages, ...(Object.keys(schemas).length > 0 ? { schemas } : {}) },
  };
}

function deadLetterId(event: Event): string {
  return `${event.id}DeadLetter`;
}

function channel(event: Event, topic: string, text: string): Record<string, unknown> {
  const kafka = {
    topic,
    partitions: event.partitions,
    topicConfiguration: { "retention.ms": event.retentionMs },
    bindingVersion: KAFKA_BINDING,
  };
  return {
    address: topic,
    title: topic,
    description: text,
    messages: { [event.id]: { $ref: `#/components/messages/${event.id}` } },
    bindings: { kafka },
  };
}

function description(computed: ComputedModel, event: Event): string {
  const by = (items: readonly { service: string }[]) =>
    joinWords([...new Set(items.map((i) => serviceTitle(computed, i.service)))]);
  const producers = computed.publishersOf(event.id);
  const consumers = computed.consumersOf(event.id);
  const parts = [
    event.description ?? "",
    producers.length > 0 ? `Published by ${by(producers)}.` : "",
    consumers.length > 0 ? `Consumed by ${by(consumers)}.` : "",
    `Retention ${duration(event.retentionMs)}.`,
  ];
  return parts.filter((p) => p !== "").join(" ");
}

function message(computed: ComputedModel, event: Event): Record<string, unknown> {
  const msg: Record<string, unknown> = {
    name: event.id,
    title: event.title ?? event.id,
    contentType: "application/json",
    payload: schemaForUse(event.schema),
  };
  if (event.description) msg["summary"] = event.description;
  if (event.key) msg["bindings"] = { kafka: { key: keySchema(computed, event), bindingVersion: KAFKA_BINDING } };
  return msg;
}

/** The partition key's schema: the key property of the payload when the payload declares it. */
function keySchema(computed: ComputedModel, event: Event): JsonSchema {
  const payload = resolveSchema(computed, event.schema);
  const properties = payload?.["properties"];
  const declared =
    properties && typeof properties === "object" ? (properties as Record<string, unknown>)[event.key!] : undefined;
  const type =
    declared && typeof declared === "object" && typeof (declared as JsonSchema)["type"] === "string"
      ? (declared as JsonSchema)["type"]
      : "string";
  return { type, description: `The payload's ${event.key}` };
}

function op(
  action: "send" | "receive",
  channelId: string,
  messageId: string,
  summary: string,
): Record<string, unknown> {
  return {
    action,
    channel: { $ref: `#/channels/${channelId}` },
    summary,
    messages: [{ $ref: `#/channels/${channelId}/messages/${messageId}` }],
  };
}
