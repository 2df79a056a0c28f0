import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

export interface RegistryOptions {
  /** Process metrics (CPU, memory, event loop lag, GC); default true. */
  readonly defaultMetrics?: boolean;
  /** Labels added to every metric, e.g. `{ service: "orders" }`. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A fresh prom-client registry, with the process metrics unless told otherwise.
 *
 * @example
 * const registry = createMetricsRegistry({ labels: { service: "orders" } });
 */
export function createMetricsRegistry(options: RegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.labels) registry.setDefaultLabels({ ...options.labels });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

/** Records one finished HTTP request. */
export interface HttpMetrics {
  observe(method: string, route: string, status: number, seconds: number): void;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LABELS = ["method", "route", "status"] as const;

/**
 * `http_requests_total` and `http_request_duration_seconds`, labelled by method, route template
 * and status. Registering twice on one registry reuses the existing metrics.
 *
 * @example
 * const http = createHttpMetrics(registry);
 * http.observe("GET", "/orders/{orderId}", 200, 0.004);
 */
export function createHttpMetrics(registry: Registry): HttpMetrics {
  const requests =
    existing<Counter<(typeof LABELS)[number]>>(registry, "http_requests_total") ??
    new Counter({
      name: "http_requests_total",
      help: "HTTP requests by route template and status",
      labelNames: LABELS,
      registers: [registry],
    });
  const latency =
    existing<Histogram<(typeof LABELS)[number]>>(registry, "http_request_duration_seconds") ??
    new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency by route template and status",
      labelNames: LABELS,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  return {
    observe(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
  };
}

function existing<T>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}
