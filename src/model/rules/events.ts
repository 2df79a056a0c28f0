import type { JsonSchema } from "../model.js";
import type { Model } from "../model-system.js";
import { valueAt } from "../schema-walk.js";
import { computeModel } from "../computed/index.js";
import { reportAtKey, type Rule } from "./context.js";
import { namedRef } from "../schema-ref.js";

export const eventWithoutProducer: Rule = {
  name: "event-without-producer",
  needsComplete: true,
  check({ model, report }) {
    const computed = computeModel(model);
    for (const event of model.events) {
      if (computed.publishersOf(event.id).length > 0) continue;
      const consumers = computed.consumersOf(event.id).map((c) => c.service);
      reportAtKey(
        report,
        "eventWithoutProducer",
        event.source,
        `event ${event.id} is never published${consumers.length ? `, yet ${consumers.join(", ")} consume${consumers.length === 1 ? "s" : ""} it` : ""}`,
        `add \`publishes: [${event.id}]\` to the endpoint or consumer that emits it`,
      );
    }
  },
};

export const eventWithoutConsumer: Rule = {
  name: "event-without-consumer",
  needsComplete: true,
  check({ model, report }) {
    const computed = computeModel(model);
    for (const event of model.events) {
      const producers = computed.publishersOf(event.id);
      if (computed.consumersOf(event.id).length > 0 || producers.length === 0) continue;
      reportAtKey(
        report,
        "eventWithoutConsumer",
        event.source,
        `event ${event.id} is published by ${producers.map((p) => `${p.service}.${p.by}`).join(", ")} but no service consumes it`,
        `add \`consumes: { ${event.id}: { ... } }\` to a service, or stop publishing it`,
      );
    }
  },
};

export const missingDeadLetter: Rule = {
  name: "missing-dead-letter",
  check({ model, report }) {
    for (const c of model.services.flatMap((s) => s.consumers)) {
      if (c.deadLetter) continue;
      reportAtKey(
        report,
        "missingDeadLetter",
        c.source,
        `consumer ${c.service}.${c.handler} of ${c.event} has no dead-letter policy: after ${c.retries} retries a failing message is dropped`,
        "add `deadLetter: true` to keep failed messages on <topic>.dlq",
      );
    }
  },
};

export const eventKey: Rule = {
  name: "event-key",
  check({ model, report }) {
    for (const event of model.events) {
      if (event.key === undefined) continue;
      const schema = event.schema.kind === "inline" ? event.schema.schema : resolveNamed(model, event.schema.name);
      const properties = schema?.properties;
      if (!properties || typeof properties !== "object") continue;
      const names = Object.keys(properties);
      if (!names.includes(event.key)) {
        report("eventKey", [...event.source, "key"], {
          message: `key \`${event.key}\` of event ${event.id} is not a property of its payload`,
          hint: `payload properties: ${names.join(", ") || "(none)"}`,
        });
      }
    }
  },
};

export const duplicateTopic: Rule = {
  name: "duplicate-topic",
  check({ model, raw, report }) {
    const seen = new Map<string, string>();
    for (const event of model.events) {
      const first = seen.get(event.topic);
      if (first === undefined) seen.set(event.topic, event.id);
      else if (valueAt(raw.data, [...event.source, "topic"]) === undefined)
        reportAtKey(
          report,
          "duplicateTopic",
          event.source,
          `events ${first} and ${event.id} both get the default topic \`${event.topic}\``,
          `give ${event.id} its own \`topic:\``,
        );
      else
        report("duplicateTopic", [...event.source, "topic"], {
          message: `events ${first} and ${event.id} both use topic \`${event.topic}\``,
          hint: "give one of them its own `topic:`",
        });
    }
  },
};

function resolveNamed(model: Model, name: string, seen: ReadonlySet<string> = new Set()): JsonSchema | undefined {
  if (seen.has(name)) return undefined;
  const schema = model.schemas.find((s) => s.id === name)?.schema;
  const ref = namedRef(schema?.$ref);
  return ref !== undefined ? resolveNamed(model, ref, new Set([...seen, name])) : schema;
}
