import { computeModel } from "../../model/computed/index.js";
import { currentCorrelationId } from "../observability/correlation.js";
import type { Kysely } from "kysely";
import { Registry } from "prom-client";
import type { Consumer, Event, Model, Service } from "../../model/index.js";
import type { EventEnvelope, EventTransport, TransportHandler } from "../contracts.js";
import { EventBusConfigError, InvalidPayloadError, UndeclaredEventError } from "./bus-errors.js";
import { consumerHandler, type ConsumerRun } from "./consumer.js";
import { createEnvelope } from "./envelope.js";
import { silentLogger, type EventLogger } from "./logger.js";
import { eventMetrics, type EventMetrics } from "./metrics.js";
import { OutboxRelay } from "./outbox-relay.js";
import { DEFAULT_PROCESSED_RETENTION_MS, schedulePruning } from "./processed.js";
import { writeOutbox, type OutboxLag } from "./outbox-store.js";
import type { EventHandler, EventHandlers, PublishOptions } from "./types.js";
import { compileValidators, type PayloadValidator } from "./validation.js";

export interface EventBusOptions {
  readonly model: Model;
  /** The service this bus belongs to: what it may publish and what it consumes. */
  readonly service: string;
  /** Started and stopped with the bus. */
  readonly transport: EventTransport;
  /** Enables the transactional outbox (`publish` with `tx`, the relay) and idempotent consumption. Migrated with `planMigrations`. */
  readonly db?: Kysely<any>;
  /** Handlers by the `handler` names of the service's `consumes:` entries; every one must be present. */
  readonly handlers?: EventHandlers;
  /** Where the event metrics go (a private registry when absent). */
  readonly registry?: Registry;
  readonly logger?: EventLogger;
  /** Outbox relay: off with `enabled: false` (rows then wait for another relay). */
  readonly relay?: { readonly enabled?: boolean; readonly pollMs?: number; readonly batchSize?: number };
  /**
   * Pruning of the processed-message table while consumers run: marks older than `retentionMs`
   * (default the longer of 7 days and the retention of the events consumed) go every `intervalMs`.
   */
  readonly processed?: { readonly retentionMs?: number; readonly intervalMs?: number };
}

/** A service's events: validated publishing (directly or through the outbox) and its consumers. */
export interface EventBus {
  readonly service: string;
  readonly transport: EventTransport;
  /** Validates and publishes a declared event; with `tx`, writes it to the outbox in that transaction. */
  publish<T>(event: string, payload: T, options?: PublishOptions): Promise<EventEnvelope<T>>;
  /** Subscribes the consumers, starts the transport and the outbox relay. */
  start(): Promise<void>;
  /** Stops the relay, then the transport (consumers finish or give back their current event). */
  stop(): Promise<void>;
  ready(): Promise<boolean>;
  /** Unsent outbox rows; undefined without a database. */
  outboxLag(): Promise<OutboxLag | undefined>;
}

/**
 * The event bus of one service, built from the model: payload validators compiled once, the
 * events the service may publish, and a consumer per `consumes:` entry.
 *
 * @example
 * const bus = createEventBus({ model, service: "orders", transport: new MemoryTransport(), db: handle.db, handlers, registry });
 * await bus.start();
 * await handle.db.transaction().execute(async (tx) => {
 *   await tx.insertInto("orders").values(order).execute();
 *   await bus.publish("OrderCreated", payload, { tx, correlationId });
 * });
 */
export function createEventBus(options: EventBusOptions): EventBus {
  const service = findService(options.model, options.service);
  const publishes = publishedEvents(options.model, service);
  const consumed = service.consumers.map((c) => eventOf(options.model, c.event));
  const validators = compileValidators(options.model, new Set([...publishes.values(), ...consumed]));
  const metrics = eventMetrics(options.registry ?? new Registry());
  return new Bus(options, service, publishes, validators, metrics);
}

class Bus implements EventBus {
  readonly service: string;
  readonly transport: EventTransport;
  private readonly logger: EventLogger;
  private readonly relay: OutboxRelay | undefined;
  private readonly abort = new AbortController();
  private unwatch: (() => void) | undefined;
  private stopPruning: (() => Promise<void>) | undefined;
  private state: "new" | "started" | "stopped" = "new";

  constructor(
    private readonly options: EventBusOptions,
    private readonly model: Service,
    private readonly publishes: ReadonlyMap<string, Event>,
    private readonly validators: ReadonlyMap<string, PayloadValidator>,
    private readonly metrics: EventMetrics,
  ) {
    this.service = model.id;
    this.transport = options.transport;
    this.logger = options.logger ?? silentLogger;
    const db = options.db;
    this.relay = db && options.relay?.enabled !== false ? this.createRelay(db) : undefined;
  }

  async publish<T>(name: string, payload: T, options: PublishOptions = {}): Promise<EventEnvelope<T>> {
    const event = this.declared(name);
    const validator = this.validators.get(event.id)!;
    const problems = validator.check(payload);
    if (problems.length > 0)
      throw new InvalidPayloadError(event.id, validator.schema, problems, `published by service ${this.service}`);
    const envelope = createEnvelope({
      type: event.id,
      topic: event.topic,
      payload,
      key: keyOf(event, payload),
      correlationId: options.correlationId ?? currentCorrelationId(),
      headers: options.headers,
    });
    if (options.tx) {
      if (!this.options.db)
        throw new EventBusConfigError(
          `cannot publish ${event.id} in a transaction: the event bus of service ${this.service} has no database (pass db to createEventBus)`,
        );
      await writeOutbox(options.tx, [envelope]);
      this.relay?.nudge();
      return envelope;
    }
    await this.transport.send([envelope]);
    this.metrics.published(this.service, event.id);
    return envelope;
  }

  async start(): Promise<void> {
    if (this.state !== "new") return;
    const handlers = this.options.handlers ?? {};
    const missing = this.model.consumers.filter((c) => typeof handlers[c.handler] !== "function");
    if (missing.length > 0) {
      const list = missing.map((c) => `${c.handler} (for ${c.event})`).join(", ");
      throw new EventBusConfigError(
        `service ${this.service} has no handler for ${list}, declared under services.${this.service}.consumes in ${this.options.model.file}`,
      );
    }
    this.state = "started";
    await this.subscribeConsumers(handlers);
    await this.transport.start();
    this.relay?.start();
    this.startPruning();
    if (this.relay) this.unwatch = this.metrics.watchOutbox(this.service, () => this.relay!.lag());
  }

  async stop(): Promise<void> {
    if (this.state === "stopped") return;
    this.state = "stopped";
    this.abort.abort();
    this.unwatch?.();
    await this.relay?.stop();
    await this.stopPruning?.();
    await this.transport.stop();
  }

  private startPruning(): void {
    const db = this.options.db;
    if (!db || this.model.consumers.length === 0) return;
    const consumed = this.model.consumers.map((c) => eventOf(this.options.model, c.event).retentionMs);
    const retentionMs = this.options.processed?.retentionMs ?? Math.max(DEFAULT_PROCESSED_RETENTION_MS, ...consumed);
    this.stopPruning = schedulePruning(db, {
      retentionMs,
      intervalMs: this.options.processed?.intervalMs,
      logger: this.logger,
    });
  }

  async ready(): Promise<boolean> {
    return this.state === "started" && (await this.transport.ready());
  }

  async outboxLag(): Promise<OutboxLag | undefined> {
    return this.relay?.lag();
  }

  /** One subscription per (topic, group); events sharing a topic are told apart by their type. */
  private async subscribeConsumers(handlers: EventHandlers): Promise<void> {
    const byTopicGroup = new Map<string, { topic: string; group: string; byType: Map<string, TransportHandler> }>();
    for (const consumer of this.model.consumers) {
      const event = eventOf(this.options.model, consumer.event);
      const key = `${event.topic}\u0000${consumer.group}`;
      const entry = byTopicGroup.get(key) ?? {
        topic: event.topic,
        group: consumer.group,
        byType: new Map<string, TransportHandler>(),
      };
      entry.byType.set(event.id, consumerHandler(this.consumerRun(consumer, event, handlers[consumer.handler]!)));
      byTopicGroup.set(key, entry);
    }
    for (const { topic, group, byType } of byTopicGroup.values()) {
      await this.transport.subscribe({
        topic,
        group,
        handler: async (envelope) => byType.get(envelope.type)?.(envelope),
      });
    }
  }

  private consumerRun(consumer: Consumer, event: Event, handler: EventHandler): ConsumerRun {
    return {
      service: this.service,
      consumer,
      event,
      handler,
      validator: this.validators.get(event.id)!,
      transport: this.transport,
      db: this.options.db,
      metrics: this.metrics,
      logger: this.logger,
      signal: this.abort.signal,
      publish: (name, payload, options) => this.publish(name, payload, options),
    };
  }

  private declared(name: string): Event {
    const event = this.publishes.get(name);
    if (event) return event;
    const file = this.options.model.file;
    const known = this.options.model.events.map((e) => e.id as string);
    if (!known.includes(name)) throw UndeclaredEventError.unknown(name, this.service, file, known);
    throw UndeclaredEventError.notPublished(name, this.service, file, [...this.publishes.keys()]);
  }

  private createRelay(db: Kysely<any>): OutboxRelay {
    const { pollMs, batchSize } = this.options.relay ?? {};
    return new OutboxRelay({
      db,
      transport: this.transport,
      pollMs,
      batchSize,
      logger: this.logger,
      onSent: (envelopes) => envelopes.forEach((e) => this.metrics.published(this.service, e.type)),
    });
  }
}

function findService(model: Model, id: string): Service {
  const service = computeModel(model).findService(id);
  if (service) return service.def;
  throw new EventBusConfigError(
    `cannot create the event bus: service ${id} is not declared in ${model.file} (services: ${model.services.map((s) => s.id).join(", ") || "none"})`,
  );
}

function eventOf(model: Model, id: string): Event {
  const event = computeModel(model).findEvent(id);
  if (!event) throw new EventBusConfigError(`event ${id} is not declared in ${model.file}`);
  return event;
}

/** The events a service may publish: those its endpoints and consumers list under `publishes:`. */
function publishedEvents(model: Model, service: Service): Map<string, Event> {
  const ids = [...service.endpoints.flatMap((e) => e.publishes), ...service.consumers.flatMap((c) => c.publishes)];
  return new Map(ids.map((id) => [id as string, eventOf(model, id)]));
}

function keyOf(event: Event, payload: unknown): string | undefined {
  if (event.key === undefined || payload === null || typeof payload !== "object") return undefined;
  const value = (payload as Record<string, unknown>)[event.key];
  return value === undefined || value === null ? undefined : typeof value === "string" ? value : JSON.stringify(value);
}
