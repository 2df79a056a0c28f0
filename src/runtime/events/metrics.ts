import { Counter, Gauge, type Registry } from "prom-client";
import type { OutboxLag } from "./outbox-store.js";

/** The event runtime's Prometheus metrics, shared by every bus registered on one registry. */
export interface EventMetrics {
  published(service: string, event: string, count?: number): void;
  consumed(service: string, event: string): void;
  /** A handler attempt that threw (retried or not). */
  failed(service: string, event: string): void;
  deadLettered(service: string, event: string): void;
  /** Adds a service's outbox lag to the gauges, read at every scrape; returns the function that removes it. */
  watchOutbox(service: string, lag: () => Promise<OutboxLag>): () => void;
}

const perRegistry = new WeakMap<Registry, EventMetrics>();

/**
 * The event metrics on a registry (created once per registry):
 * `archkit_events_published_total`, `archkit_events_consumed_total`, `archkit_events_failed_total`,
 * `archkit_events_dead_lettered_total` (labels service, event), `archkit_outbox_pending_events` and
 * `archkit_outbox_oldest_age_seconds` (label service).
 *
 * @example
 * const registry = new Registry();
 * const bus = createEventBus({ model, service: "orders", transport, registry });
 * app.get("/metrics", async (_req, res) => res.type(registry.contentType).send(await registry.metrics()));
 */
export function eventMetrics(registry: Registry): EventMetrics {
  let metrics = perRegistry.get(registry);
  if (!metrics) {
    metrics = createMetrics(registry);
    perRegistry.set(registry, metrics);
  }
  return metrics;
}

function createMetrics(registry: Registry): EventMetrics {
  const labelNames = ["service", "event"] as const;
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames, registers: [registry] });
  const published = counter(
    "archkit_events_published_total",
    "Events handed to the transport (directly or by the outbox relay)",
  );
  const consumed = counter("archkit_events_consumed_total", "Events whose handler completed");
  const failed = counter("archkit_events_failed_total", "Handler attempts that threw");
  const dead = counter("archkit_events_dead_lettered_total", "Events sent to a dead-letter topic");
  const lags = new OutboxLags();
  lagGauge(registry, lags, "archkit_outbox_pending_events", "Outbox rows not yet relayed", (lag) => lag.count);
  lagGauge(
    registry,
    lags,
    "archkit_outbox_oldest_age_seconds",
    "Age of the oldest outbox row not yet relayed",
    (lag) => lag.oldestAgeMs / 1000,
  );
  return {
    published: (service, event, count = 1) => published.inc({ service, event }, count),
    consumed: (service, event) => consumed.inc({ service, event }),
    failed: (service, event) => failed.inc({ service, event }),
    deadLettered: (service, event) => dead.inc({ service, event }),
    watchOutbox: (service, lag) => lags.watch(service, lag),
  };
}

/** The outbox lag of every watched service, read once per scrape (both gauges share the reading). */
class OutboxLags {
  readonly latest = new Map<string, OutboxLag>();
  private readonly sources = new Map<string, () => Promise<OutboxLag>>();
  private refreshing: Promise<void> | undefined;

  watch(service: string, read: () => Promise<OutboxLag>): () => void {
    this.sources.set(service, read);
    return () => {
      this.sources.delete(service);
      this.latest.delete(service);
    };
  }

  /** Reads every source; a failed read keeps the previous value. */
  refresh(): Promise<void> {
    this.refreshing ??= Promise.all(
      [...this.sources].map(async ([service, read]) => {
        this.latest.set(service, await read().catch(() => this.latest.get(service) ?? { count: 0, oldestAgeMs: 0 }));
      }),
    ).then(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }
}

function lagGauge(
  registry: Registry,
  lags: OutboxLags,
  name: string,
  help: string,
  value: (lag: OutboxLag) => number,
): void {
  new Gauge({
    name,
    help,
    labelNames: ["service"],
    registers: [registry],
    async collect() {
      await lags.refresh();
      this.reset();
      for (const [service, lag] of lags.latest) this.set({ service }, value(lag));
    },
  });
}
