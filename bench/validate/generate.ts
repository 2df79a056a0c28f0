import { stringify } from "yaml";

/**
 * A synthetic spec of `count` services, each with four endpoints, a postgres store, two events
 * and a consumer, calls only to later services (so no cycles), and one flow per ten services.
 */
export function syntheticSpec(count: number): string {
  const name = (i: number) => `svc${i}`;
  const services: Record<string, unknown> = {};
  const events: Record<string, unknown> = {};
  const stores: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const flows: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const s = name(i);
    const next = i + 1 < count ? [`${name(i + 1)}.get`] : [];
    const entity = `Entity${i}`;
    const created = `Entity${i}Created`;
    schemas[entity] = {
      type: "object",
      required: ["id", "name"],
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string", minLength: 1 },
        total: { type: "number" },
      },
    };
    events[created] = { schema: entity, key: "id" };
    events[`Entity${i}Updated`] = { schema: entity, key: "id" };
    stores[`${s}Db`] = {
      kind: "postgres",
      tables: {
        items: {
          columns: {
            id: { type: "uuid", primaryKey: true, default: "gen_random_uuid()" },
            name: { type: "text", index: true },
            total: { type: "numeric", nullable: true },
          },
        },
      },
    };
    services[s] = {
      title: `Service ${i}`,
      stores: [`${s}Db`],
      endpoints: {
        create: {
          method: "POST",
          path: `/${s}/items`,
          public: true,
          auth: "none",
          request: { body: entity },
          responses: { 201: entity, 400: "Problem" },
          calls: next,
          publishes: [created],
          latency: { p95: "20ms" },
        },
        get: {
          method: "GET",
          path: `/${s}/items/{id}`,
          request: { params: { id: { type: "string" } } },
          responses: { 200: entity, 404: "Problem" },
          latency: { p95: "5ms" },
        },
        list: {
          method: "GET",
          path: `/${s}/items`,
          request: { query: { limit: { type: "integer" } } },
          responses: { 200: { type: "array", items: { $ref: entity } } },
        },
        update: {
          method: "PUT",
          path: `/${s}/items/{id}`,
          request: { params: { id: { type: "string" } }, body: entity },
          responses: { 200: entity },
          publishes: [`Entity${i}Updated`],
        },
      },
      consumes: {
        [i > 0 ? `Entity${i - 1}Created` : `Entity${count - 1}Created`]: {
          handler: "onUpstreamCreated",
          retries: 3,
          deadLetter: true,
        },
      },
      scaling: { replicas: 2, min: 2, max: 6 },
    };
    const updatedConsumer = name((i + 2) % count);
    const consumes = (services[updatedConsumer] as { consumes?: Record<string, unknown> } | undefined)?.consumes;
    if (consumes) consumes[`Entity${i}Updated`] = { handler: `onEntity${i}Updated`, deadLetter: true };
    if (i % 10 === 0) flows[`flow${i}`] = { title: `Flow ${i}`, entry: `${s}.create`, slo: { p95: "50ms" } };
  }
  for (let i = 0; i < count; i++) {
    const consumer = services[name((i + 2) % count)] as { consumes: Record<string, unknown> };
    consumer.consumes[`Entity${i}Updated`] ??= { handler: `onEntity${i}Updated`, deadLetter: true };
  }
  return stringify({
    archkit: 1,
    system: { name: "synthetic", title: "Synthetic" },
    gateway: { title: "Gateway" },
    services,
    events,
    stores,
    schemas,
    flows,
  });
}
