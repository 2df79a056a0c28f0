import type { Endpoint, SchemaUse } from "../model.js";
import type { Model } from "../model-system.js";

/**
 * The statuses the gateway answers itself for a public endpoint, each with a problem+json body,
 * sorted: 401 when it needs a token, 403 when it needs a role, 429 when the gateway rate limits.
 *
 * @example
 * gatewayStatuses(model, computed.endpoint("orders.cancelOrder")) // [401, 403, 429]
 */
export function gatewayStatuses(model: Model, endpoint: Endpoint): readonly number[] {
  if (!model.gateway || !endpoint.public) return [];
  const statuses: number[] = [];
  if (endpoint.auth.kind !== "none") statuses.push(401);
  if (endpoint.auth.kind === "role") statuses.push(403);
  if (model.gateway.rateLimit) statuses.push(429);
  return statuses;
}

/** Every schema use of an endpoint's request and responses. */
export function endpointSchemaUses(endpoint: Endpoint): SchemaUse[] {
  return [
    endpoint.request.body,
    ...endpoint.request.params.map((p) => p.schema),
    ...endpoint.request.query.map((p) => p.schema),
    ...endpoint.request.headers.map((p) => p.schema),
    ...endpoint.responses.map((r) => r.schema),
  ].filter((use): use is SchemaUse => use !== undefined);
}
