import type { Endpoint, Flow, Model, Service } from "../../model/index.js";

/** What a target must meet. Latencies in ms; `errorRate` in percent of requests. */
export interface Budget {
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
  readonly errorRate: number;
  /** Where the latency figures come from, for the report: `flow slo`, `endpoint latency`, ... */
  readonly source: string;
}

/** Allowed failures when nothing in the spec says: one request in a hundred. */
const DEFAULT_ERROR_RATE = 1;

/**
 * A flow's budget: the latencies of its `slo`, or when it gives none the system's
 * `quality.latency`; the error rate its entry service allows.
 *
 * @example
 * flowBudgetOf(model, flow, orders) // { p95: 450, errorRate: 0.1, source: "flow slo" }
 */
export function flowBudgetOf(model: Model, flow: Flow, entry: Service): Budget {
  const own = flow.slo.p95 !== undefined || flow.slo.p99 !== undefined;
  const latency = own ? flow.slo : model.quality.latency;
  return {
    p95: latency.p95,
    p99: latency.p99,
    errorRate: errorRateOf(model, entry),
    source: own ? "flow slo" : "quality.latency",
  };
}

/**
 * An endpoint's budget: its own `latency`, each figure it lacks from its service's `slo`;
 * undefined when neither gives a latency.
 *
 * @example
 * endpointBudgetOf(model, getOrder, orders) // { p95: 25, p99: 250, errorRate: 0.1, source: "endpoint latency" }
 */
export function endpointBudgetOf(model: Model, endpoint: Endpoint, service: Service): Budget | undefined {
  const p50 = endpoint.latency.p50 ?? service.slo.p50;
  const p95 = endpoint.latency.p95 ?? service.slo.p95;
  const p99 = endpoint.latency.p99 ?? service.slo.p99;
  if (p50 === undefined && p95 === undefined && p99 === undefined) return undefined;
  const own =
    endpoint.latency.p50 !== undefined || endpoint.latency.p95 !== undefined || endpoint.latency.p99 !== undefined;
  return { p50, p95, p99, errorRate: errorRateOf(model, service), source: own ? "endpoint latency" : "service slo" };
}

/** The service's `slo.errorRate`, else what its availability leaves, else the system's, else 1%. */
function errorRateOf(model: Model, service: Service): number {
  const { slo } = service;
  if (slo.errorRate !== undefined) return slo.errorRate;
  const availability = slo.availability ?? model.quality.availability?.target;
  return availability === undefined ? DEFAULT_ERROR_RATE : Math.round((100 - availability) * 1e6) / 1e6;
}
