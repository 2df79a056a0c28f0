import type { Latency, Model, Slo } from "../../../model/index.js";
import { downtimePerYear, duration, number, specPath } from "../format.js";
import { table } from "./table.js";
import type { Fact, QualityView } from "./view.js";

export function qualityAttributes(model: Model): QualityView | undefined {
  const q = model.quality;
  const groups = [
    { title: "Performance", facts: performance(model) },
    {
      title: "Scalability",
      facts: [
        ...(q.scalability.concurrentUsers !== undefined
          ? [{ label: "Concurrent users", text: number(q.scalability.concurrentUsers) }]
          : []),
        ...(q.scalability.dataVolume ? [{ label: "Data volume", text: q.scalability.dataVolume }] : []),
        ...(q.scalability.growth ? [{ label: "Growth", text: q.scalability.growth }] : []),
        ...(q.scalability.horizontal ? [{ label: "Horizontal scaling", text: q.scalability.horizontal }] : []),
      ],
    },
    { title: "Availability", facts: availability(model) },
    {
      title: "Security",
      facts: [
        ...(q.security.compliance.length > 0 ? [{ label: "Compliance", text: q.security.compliance.join(", ") }] : []),
        ...(q.security.authentication ? [{ label: "Authentication", text: q.security.authentication }] : []),
        ...(q.security.tls || q.security.encryptionAtRest
          ? [
              {
                label: "Encryption",
                text: [q.security.tls ? `TLS ${q.security.tls}` : "", q.security.encryptionAtRest ?? ""]
                  .filter((t) => t)
                  .join(", "),
              },
            ]
          : []),
      ],
    },
  ].filter((g) => g.facts.length > 0);
  const slos = sloTable(model);
  return groups.length > 0 || slos ? { groups, slos } : undefined;
}

function performance(model: Model): Fact[] {
  const l = model.quality.latency;
  return [
    ...(l.p50 !== undefined ? [{ label: "Response time (p50)", text: duration(l.p50) }] : []),
    ...(l.p95 !== undefined ? [{ label: "Response time (p95)", text: duration(l.p95) }] : []),
    ...(l.p99 !== undefined ? [{ label: "Response time (p99)", text: duration(l.p99) }] : []),
    ...(l.max !== undefined ? [{ label: "Maximum response time", text: duration(l.max) }] : []),
    ...(model.quality.throughputRps !== undefined
      ? [{ label: "Throughput", text: `${number(model.quality.throughputRps)} requests per second` }]
      : []),
  ];
}

function availability(model: Model): Fact[] {
  const a = model.quality.availability;
  if (!a) return [];
  return [
    { label: "Uptime target", text: `${a.target}% (at most ${downtimePerYear(a.target)} of downtime a year)` },
    ...(a.rtoMs !== undefined ? [{ label: "RTO (Recovery Time Objective)", text: duration(a.rtoMs) }] : []),
    ...(a.rpoMs !== undefined ? [{ label: "RPO (Recovery Point Objective)", text: duration(a.rpoMs) }] : []),
  ];
}

type Row = readonly [string, string, string, string];

/** Every latency, throughput and availability target of the spec, with the spec path that sets it. */
function sloTable(model: Model) {
  const q = model.quality;
  const rows: Row[] = [
    ...latencyRows("System", q.latency, ["quality", "latency"]),
    ...(q.latency.max !== undefined
      ? [row("System", "max latency", duration(q.latency.max), ["quality", "latency", "max"])]
      : []),
    ...(q.throughputRps !== undefined
      ? [row("System", "throughput", `${number(q.throughputRps)} req/s`, ["quality", "throughput", "rps"])]
      : []),
    ...(q.availability
      ? [row("System", "availability", `${q.availability.target}%`, ["quality", "availability", "target"])]
      : []),
    ...model.services.flatMap((s) => sloRows(s.title, s.slo, [...s.source, "slo"])),
    ...model.services.flatMap((s) =>
      s.endpoints.flatMap((e) => latencyRows(`\`${e.id}\``, e.latency, [...e.source, "latency"])),
    ),
    ...model.externals.flatMap((x) => latencyRows(x.title, x.latency, [...x.source, "latency"])),
    ...model.flows.flatMap((f) => sloRows(`${f.title} flow`, f.slo, [...f.source, "slo"])),
  ];
  return table(["Scope", "Target", "Value", "Set in"], rows);
}

function sloRows(scope: string, slo: Slo, path: readonly (string | number)[]): Row[] {
  return [
    ...latencyRows(scope, slo, path),
    ...(slo.rps !== undefined ? [row(scope, "throughput", `${number(slo.rps)} req/s`, [...path, "rps"])] : []),
    ...(slo.availability !== undefined
      ? [row(scope, "availability", `${slo.availability}%`, [...path, "availability"])]
      : []),
    ...(slo.errorRate !== undefined
      ? [row(scope, "error rate", `at most ${slo.errorRate}%`, [...path, "errorRate"])]
      : []),
  ];
}

function latencyRows(scope: string, latency: Latency, path: readonly (string | number)[]): Row[] {
  return (["p50", "p95", "p99"] as const).flatMap((p) =>
    latency[p] === undefined ? [] : [row(scope, `${p} latency`, duration(latency[p]), [...path, p])],
  );
}

function row(scope: string, target: string, value: string, path: readonly (string | number)[]): Row {
  return [scope, target, value, `\`${specPath(path)}\``];
}
