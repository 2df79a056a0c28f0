import type { ComputedModel, Model } from "../../../model/index.js";
import { count, duration, joinWords } from "../format.js";
import { table } from "./table.js";
import type { DeploymentView, Diagram, Fact } from "./view.js";

export function deployment(model: Model, diagram: Diagram): DeploymentView {
  const d = model.deployment;
  const facts: Fact[] = [
    { label: "Platform", text: `Kubernetes, namespace \`${d.namespace}\`` },
    {
      label: "Containers",
      text: `one image per service${model.gateway ? " and one for the gateway" : ""}, pushed to \`${d.registry}\``,
    },
    ...(d.strategy ? [{ label: "Strategy", text: d.strategy }] : []),
  ];
  const environments = table(
    ["Environment", "Description", "Replicas per service", "Ingress", "Infrastructure"],
    d.environments.map((e) => [
      e.name,
      e.description ?? "",
      e.replicas === undefined ? "as each service declares" : String(e.replicas),
      e.ingress ? `\`${e.ingress.host}\`${e.ingress.tls ? " with TLS" : ""}` : "none",
      e.infrastructure,
    ]),
  );
  const scaling = table(
    ["Service", "Replicas", "Autoscaling", "CPU request", "Memory request", "Port"],
    model.services.map((s) => [
      s.title,
      String(s.scaling.replicas),
      s.scaling.min === s.scaling.max ? "none" : `${s.scaling.min} to ${s.scaling.max} at ${s.scaling.targetCpu}% CPU`,
      s.resources.cpu,
      s.resources.memory,
      String(s.port),
    ]),
  )!;
  return { facts, environments, scaling, diagram };
}

export function crossCutting(computed: ComputedModel): { title: string; facts: Fact[] }[] {
  const sections = [
    { title: "Monitoring", facts: monitoring(computed) },
    { title: "Logging and tracing", facts: logging(computed) },
    { title: "Error handling", facts: errors() },
    { title: "Resilience", facts: resilience(computed) },
  ];
  return sections.filter((s) => s.facts.length > 0);
}

function monitoring(computed: ComputedModel): Fact[] {
  const model = computed.model;
  const where = model.gateway ? "every service and the gateway" : "every service";
  return [
    { label: "Health", text: `\`GET /healthz\` (liveness) and \`GET /readyz\` (readiness) on ${where}` },
    {
      label: "Metrics",
      text: `\`GET /metrics\` in Prometheus format: request rate, errors and latency per endpoint${computed.usesEvents ? ", consumer lag and outbox backlog" : ""}`,
    },
    ...(hasTargets(model)
      ? [
          {
            label: "Alerting targets",
            text: "the service level objectives under Quality attributes, measured by `archkit sla`",
          },
        ]
      : []),
  ];
}

function hasTargets(model: Model): boolean {
  const q = model.quality;
  const latency = (l: { p50?: number; p95?: number; p99?: number }) =>
    l.p50 !== undefined || l.p95 !== undefined || l.p99 !== undefined;
  return (
    latency(q.latency) ||
    q.throughputRps !== undefined ||
    q.availability !== undefined ||
    model.services.some((s) => latency(s.slo) || s.slo.rps !== undefined || s.endpoints.some((e) => latency(e.latency)))
  );
}

function logging(computed: ComputedModel): Fact[] {
  const passed = computed.usesEvents ? "every call and event" : "every call";
  return [
    {
      label: "Application logs",
      text: "structured JSON lines (pino), one per request with method, route, status and duration",
    },
    {
      label: "Correlation",
      text: `the \`x-request-id\` header is accepted or created at the edge and passed on to ${passed}`,
    },
  ];
}

function errors(): Fact[] {
  return [
    {
      label: "Validation",
      text: "requests and responses are validated against the declared schemas; invalid requests get a 400",
    },
    { label: "Error format", text: "every error response is RFC 9457 problem details (`application/problem+json`)" },
    {
      label: "Shutdown",
      text: "graceful: stop accepting, drain in-flight requests, stop consumers, flush producers, close pools",
    },
  ];
}

function resilience(computed: ComputedModel): Fact[] {
  const model = computed.model;
  const facts: Fact[] = [];
  const calls = computed.services
    .flatMap((s) => s.handlers.flatMap((h) => h.calls))
    .filter((c) => c.kind === "endpoint");
  if (calls.length > 0) {
    facts.push({
      label: "Timeouts and retries",
      text: `every service-to-service call (${calls.length} declared) has a timeout; idempotent calls are retried with backoff`,
    });
    facts.push({
      label: "Circuit breakers",
      text: "one per called service; an open circuit fails fast instead of queueing requests",
    });
  }
  const consumers = computed.services.flatMap((s) => s.consumers);
  if (consumers.length > 0) {
    const retries = [
      ...new Set(consumers.map((c) => `${count(c.retries, "retry", "retries")} starting at ${duration(c.backoffMs)}`)),
    ];
    facts.push({ label: "Consumer retries", text: `${joinWords(retries)}, doubling the delay on each attempt` });
    const dead = consumers.filter((c) => c.deadLetter).length;
    const who =
      dead === consumers.length ? `every consumer (${dead})` : `${dead} of ${count(consumers.length, "consumer")}`;
    if (dead > 0)
      facts.push({
        label: "Dead letters",
        text: `${who} moves a message that still fails to the event's dead-letter topic`,
      });
    facts.push({
      label: "Idempotent consumption",
      text: "processed message ids are recorded, so a redelivered event is handled once",
    });
  }
  if (computed.services.some((s) => s.publishes.length > 0)) {
    facts.push({
      label: "Transactional outbox",
      text: "an event published inside a database transaction is stored in an outbox table in that transaction and relayed afterwards, so a crash loses nothing",
    });
  }
  if (model.gateway)
    facts.push({ label: "Gateway timeout", text: `${duration(model.gateway.timeoutMs)} per upstream request` });
  const availability = model.quality.availability;
  if (availability && (availability.rtoMs !== undefined || availability.rpoMs !== undefined)) {
    const parts = [
      availability.rtoMs !== undefined ? `RTO ${duration(availability.rtoMs)}` : "",
      availability.rpoMs !== undefined ? `RPO ${duration(availability.rpoMs)}` : "",
    ];
    facts.push({ label: "Disaster recovery", text: parts.filter((p) => p).join(", ") });
  }
  return facts;
}
