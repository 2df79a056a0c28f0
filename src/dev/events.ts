import type { BrokerObserver, EventEnvelope } from "../runtime/index.js";
import type { LogRecord } from "./logs.js";

/** One event that went through the dev broker, and what each consumer group did with it. */
export interface EventRecord {
  readonly id: string;
  readonly type: string;
  readonly topic: string;
  readonly key?: string;
  readonly correlationId?: string;
  readonly occurredAt: string;
  /** Delivery outcomes in order, by consumer group (`<system>.<service>` for a service's consumers), with the milliseconds from the broker taking the event to the consumer's answer. */
  readonly deliveries: { readonly group: string; readonly ok: boolean; readonly ms: number }[];
}

/** The most recent events (default 2,000) that passed the dev broker, for `archkit dev`'s inspector and the demo. */
export class EventLog implements BrokerObserver {
  private readonly records = new Map<string, EventRecord>();
  private readonly taken = new Map<string, number>();

  constructor(private readonly limit = 2_000) {}

  published(envelope: EventEnvelope): void {
    this.records.set(envelope.id, {
      id: envelope.id,
      type: envelope.type,
      topic: envelope.topic,
      key: envelope.key,
      correlationId: envelope.correlationId,
      occurredAt: envelope.occurredAt,
      deliveries: [],
    });
    this.taken.set(envelope.id, performance.now());
    if (this.records.size > this.limit) {
      const oldest = this.records.keys().next().value as string;
      this.records.delete(oldest);
      this.taken.delete(oldest);
    }
  }

  delivered(group: string, envelope: EventEnvelope, ok: boolean): void {
    const taken = this.taken.get(envelope.id);
    this.records
      .get(envelope.id)
      ?.deliveries.push({ group, ok, ms: taken === undefined ? 0 : Math.round((performance.now() - taken) * 10) / 10 });
  }

  list(): readonly EventRecord[] {
    return [...this.records.values()];
  }
}

/** The last structured log records (default 500) of each service. */
export class LogBook {
  private readonly byService = new Map<string, LogRecord[]>();

  constructor(private readonly limit = 500) {}

  add(service: string, record: LogRecord): void {
    const list = this.byService.get(service) ?? [];
    list.push(record);
    if (list.length > this.limit) list.shift();
    this.byService.set(service, list);
  }

  list(service: string): readonly LogRecord[] {
    return this.byService.get(service) ?? [];
  }
}
