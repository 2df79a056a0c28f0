import { z } from "zod";

export const PATTERNS = {
  identifier: /^[a-z][A-Za-z0-9]*$/,
  typeName: /^[A-Z][A-Za-z0-9]*$/,
  sqlName: /^[a-z][A-Za-z0-9_]*$/,
  kebab: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
  duration: /^\d+(\.\d+)?(ms|s|m|h|d|w)$/,
  percentage: /^\d+(\.\d+)?%$/,
  statusCode: /^[1-5]\d\d$/,
  httpPath: /^\/[A-Za-z0-9._~\-/{}]*$/,
  auth: /^(none|required|role:[a-z][A-Za-z0-9_-]*)$/,
  callRef: /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)?$/,
  endpointRef: /^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/,
  columnRef: /^[a-z][A-Za-z0-9_]*\.[a-z][A-Za-z0-9_]*$/,
  cpu: /^\d+(\.\d+)?m?$/,
  memory: /^\d+(Ki|Mi|Gi|Ti|K|M|G|T)?$/,
  decisionId: /^[A-Z][A-Z0-9]*-\d+$/,
  semver: /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  registry:
    /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
} as const;

export type PatternName = keyof typeof PATTERNS;

/** What each pattern expects, worded for a person reading a diagnostic. */
export const PATTERN_EXPECTATIONS: Record<PatternName, string> = {
  identifier: "a camelCase identifier such as `orders` or `placeOrder` (a lowercase letter, then letters and digits)",
  typeName: "a PascalCase name such as `OrderCreated` (an uppercase letter, then letters and digits)",
  sqlName: "a table or column name such as `created_at` or `createdAt`",
  kebab: "a kebab-case name such as `shop` or `online-shop`",
  duration: "a duration such as `80ms`, `2s`, `1m`, `1h`, `7d` or `1w`",
  percentage: "a percentage such as `99.9%`",
  statusCode: "an HTTP status code from 100 to 599",
  httpPath: "a path starting with `/`, parameters in braces: `/orders/{orderId}`",
  auth: "`none`, `required` or `role:<name>`",
  callRef: "`<service>.<endpoint>` or the name of an external system",
  endpointRef: "`<service>.<endpoint>`",
  columnRef: "`<table>.<column>`",
  cpu: "a Kubernetes CPU quantity such as `250m` or `1`",
  memory: "a Kubernetes memory quantity such as `256Mi` or `1Gi`",
  decisionId: "an id such as `ADR-001`",
  semver: "a version such as `1.0.0`",
  date: "a date such as `2026-01-31`",
  registry:
    "an image registry with an optional path such as `ghcr.io/acme` or `registry.example.com:5000/shop` (no scheme, tag or trailing slash; the path in lowercase)",
};

export function patterned(name: PatternName, description?: string): z.ZodString {
  const schema = z.string().regex(PATTERNS[name], { error: `expected ${PATTERN_EXPECTATIONS[name]}` });
  return description === undefined ? schema : schema.describe(description);
}

export const Identifier = patterned("identifier");
export const TypeName = patterned("typeName");
export const Duration = patterned("duration");
export const Percentage = patterned("percentage");
export const Text = z.string();
export const TextList = z.array(z.string());
export const PositiveInt = z.number().int().min(1);
export const NonNegativeInt = z.number().int().min(0);

/** A named record whose keys must match a pattern. */
export function named<T extends z.ZodType>(key: PatternName, value: T) {
  return z.record(patterned(key), value);
}

/** Inline JSON Schema 2020-12; checked in depth by the invalid-json-schema rule. */
export const JsonSchemaObject = z.record(z.string(), z.unknown()).describe("An inline JSON Schema 2020-12");

/** A schema name (from `schemas`, or the built-in `Problem`) or an inline JSON Schema. */
export const SchemaRef = z.union([TypeName, JsonSchemaObject]);

export const LatencyBudget = z.strictObject({
  p50: Duration.optional(),
  p95: Duration.optional(),
  p99: Duration.optional(),
});

export const Slo = z.strictObject({
  p50: Duration.optional(),
  p95: Duration.optional(),
  p99: Duration.optional(),
  rps: z.number().positive().optional().describe("Sustained requests per second the target must serve"),
  availability: Percentage.optional(),
  errorRate: Percentage.optional().describe("Highest acceptable share of failed requests"),
});
