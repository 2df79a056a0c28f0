import type { Endpoint, JsonSchema, Parameter } from "../../../model/index.js";
import { duration, latencyText } from "../format.js";
import { schemaForUse } from "../schemas.js";
import { reasonPhrase } from "./http.js";
import { unreachable } from "../../../model/errors.js";

export const SECURITY_SCHEME = "bearerAuth";

export interface OperationOptions {
  readonly operationId: string;
  readonly tag: string;
  /** The operation as the gateway serves it, in the public API document. */
  readonly gatewayResponses: boolean;
  /** Statuses the gateway answers on its own (401, 403, 429), each with a problem. */
  readonly gatewayStatuses: readonly number[];
}

/** One OpenAPI 3.1 operation object for an endpoint. */
export function operation(endpoint: Endpoint, options: OperationOptions): Record<string, unknown> {
  const op: Record<string, unknown> = { operationId: options.operationId, tags: [options.tag] };
  if (endpoint.summary) op["summary"] = endpoint.summary;
  const description = describe(endpoint, !options.gatewayResponses);
  if (description) op["description"] = description;
  const parameters = [
    ...path(endpoint),
    ...endpoint.request.query.map((p) => parameter(p, "query", false)),
    ...endpoint.request.headers.map((p) => parameter(p, "header", false)),
  ];
  if (parameters.length > 0) op["parameters"] = parameters;
  if (endpoint.request.body)
    op["requestBody"] = {
      required: true,
      content: { "application/json": { schema: schemaForUse(endpoint.request.body) } },
    };
  op["responses"] = responses(endpoint, options);
  const security = securityOf(endpoint);
  if (security) op["security"] = security;
  return op;
}

function describe(endpoint: Endpoint, withTimeout: boolean): string {
  const parts = [endpoint.description ?? ""];
  const budget = latencyText(endpoint.latency);
  if (budget) parts.push(`Latency budget: ${budget}.`);
  if (withTimeout) parts.push(`Timeout for callers: ${duration(endpoint.timeoutMs)}.`);
  if (endpoint.auth.kind === "role") parts.push(`Requires the role \`${endpoint.auth.role}\`.`);
  return parts.filter((p) => p !== "").join("\n\n");
}

function path(endpoint: Endpoint): Record<string, unknown>[] {
  return endpoint.pathParams.map((name) => {
    const declared = endpoint.request.params.find((p) => p.name === name);
    return declared
      ? parameter(declared, "path", true)
      : { name, in: "path", required: true, schema: { type: "string" } };
  });
}

function parameter(p: Parameter, where: "path" | "query" | "header", required: boolean): Record<string, unknown> {
  const schema = schemaForUse(p.schema);
  const description = typeof schema["description"] === "string" ? { description: schema["description"] } : {};
  return { name: p.name, in: where, required, ...description, schema };
}

function responses(endpoint: Endpoint, options: OperationOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const declared = [...endpoint.responses].sort((a, b) => a.status - b.status);
  for (const r of declared) {
    const body: Record<string, unknown> = { description: reasonPhrase(r.status) };
    if (r.schema) {
      const problem = r.schema.kind === "named" && r.schema.name === "Problem";
      body["content"] = {
        [problem ? "application/problem+json" : "application/json"]: { schema: schemaForUse(r.schema) },
      };
    }
    out[String(r.status)] = body;
  }
  for (const status of options.gatewayStatuses) {
    if (out[String(status)] === undefined) out[String(status)] = problemResponse(status);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => Number(a) - Number(b)));
}

function problemResponse(status: number): Record<string, unknown> {
  const schema: JsonSchema = { $ref: "#/components/schemas/Problem" };
  return { description: reasonPhrase(status), content: { "application/problem+json": { schema } } };
}

/** OpenAPI 3.1 lets a non-OAuth requirement list role names; an open endpoint says so with `[]`. */
function securityOf(endpoint: Endpoint): unknown[] | undefined {
  switch (endpoint.auth.kind) {
    case "none":
      return undefined;
    case "required":
      return [{ [SECURITY_SCHEME]: [] }];
    case "role":
      return [{ [SECURITY_SCHEME]: [endpoint.auth.role] }];
    default: {
      return unreachable(endpoint.auth);
    }
  }
}
