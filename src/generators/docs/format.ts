import { formatDuration } from "../../model/index.js";
import type { Auth, Latency, Slo } from "../../model/index.js";
import { unreachable } from "../../model/errors.js";

/** `a`, `a and b`, `a, b and c` */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** `1 service`, `5 services` */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function duration(ms: number): string {
  return formatDuration(ms);
}

/** `p95 70ms, p99 200ms`; empty when no figure is set. */
export function latencyText(latency: Latency): string {
  const parts: string[] = [];
  if (latency.p50 !== undefined) parts.push(`p50 ${duration(latency.p50)}`);
  if (latency.p95 !== undefined) parts.push(`p95 ${duration(latency.p95)}`);
  if (latency.p99 !== undefined) parts.push(`p99 ${duration(latency.p99)}`);
  return parts.join(", ");
}

/** Every figure of a service SLO, in reading order. */
export function sloText(slo: Slo): string {
  const parts = [latencyText(slo)];
  if (slo.rps !== undefined) parts.push(`${number(slo.rps)} req/s`);
  if (slo.availability !== undefined) parts.push(`${slo.availability}% availability`);
  if (slo.errorRate !== undefined) parts.push(`at most ${slo.errorRate}% errors`);
  return parts.filter((p) => p !== "").join(", ");
}

export function authText(auth: Auth): string {
  switch (auth.kind) {
    case "none":
      return "anyone";
    case "required":
      return "signed-in user";
    case "role":
      return `role \`${auth.role}\``;
    default: {
      return unreachable(auth);
    }
  }
}

/** 10000 -> `10,000`; fixed grouping so the output does not depend on the machine's locale. */
export function number(n: number): string {
  const [whole, fraction] = String(n).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Downtime a year an availability target allows: 99.9 -> `8.76 hours`. */
export function downtimePerYear(availability: number): string {
  const hours = ((100 - availability) / 100) * 365 * 24;
  if (hours >= 1) return `${round(hours)} hours`;
  return `${round(hours * 60)} minutes`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `Dead letter` style: first letter uppercase. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The spec path of a model element as users write it: `services.orders.slo.p95`. */
export function specPath(path: readonly (string | number)[]): string {
  return path.map((segment) => String(segment)).join(".");
}

/** Blank-line hygiene after rendering: at most one blank line in a row, one newline at the end. */
export function tidy(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
