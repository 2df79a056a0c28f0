import { computeModel, type Endpoint, type Model } from "../../model/index.js";
import type { SampleRequest } from "../requests/index.js";

/** What autocannon puts where a body says `[<id>]`: a fixed-length URL-safe id, e.g. this one. */
const TYPICAL_ID = "b6FsoYq0QSqOZr5BPWHKdA-0";
const MARK = "[<id>]";

/**
 * The request body as sent under load. A top-level string property named like a column the
 * service's tables keep unique (`email` of `users`) gets a fresh id per request (`ada+[<id>]@…`),
 * so a repeated example does not turn into conflicts; the change is kept only when a body with a
 * typical id still passes the endpoint's schema.
 *
 * @example
 * uniqueBody(model, register, request, check) // { body: '{"email":"ada+[<id>]@example.com",…}', replaced: true }
 */
export function uniqueBody(
  model: Model,
  endpoint: Endpoint,
  request: SampleRequest,
  problems: (request: SampleRequest) => readonly string[],
): { body?: string; replaced: boolean } {
  const { body } = request;
  if (body === undefined) return { replaced: false };
  const plain = { body: JSON.stringify(body), replaced: false };
  if (typeof body !== "object" || body === null || Array.isArray(body)) return plain;
  const unique = uniqueColumns(model, endpoint.service);
  const changed: Record<string, unknown> = { ...body };
  let replaced = false;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== "string" || !unique.has(name)) continue;
    changed[name] = value.includes("@") ? value.replace("@", `+${MARK}@`) : `${value}-${MARK}`;
    replaced = true;
  }
  if (!replaced) return plain;
  const text = JSON.stringify(changed);
  const typical = JSON.parse(text.replaceAll(MARK, TYPICAL_ID)) as unknown;
  return problems({ ...request, body: typical }).length === 0 ? { body: text, replaced: true } : plain;
}

function uniqueColumns(model: Model, service: string): Set<string> {
  const names = new Set<string>();
  for (const store of computeModel(model).findService(service)?.postgresStores ?? []) {
    for (const table of store.tables) for (const column of table.columns) if (column.unique) names.add(column.name);
  }
  return names;
}
