import type { ComputedModel, ComputedService, DocumentStore, PostgresStore, SchemaUse } from "../../model/index.js";
import { endpointTypeNames } from "../../model/naming.js";
import { schemaToType, typeName } from "./ts-types.js";
import { exampleDocuments, exampleRows } from "./fixture-examples.js";
import { payloadType } from "./types-file.js";
import { render } from "./templates.js";

/** A service gets fixtures when it has a database store, consumes events or has endpoints to send requests to. */
export function hasFixtures(service: ComputedService): boolean {
  return service.databaseStores.length > 0 || service.consumers.length > 0 || service.endpoints.length > 0;
}

/** The name of a service's fixtures type: `orders` -> `OrdersFixtures`. */
export function fixturesTypeName(service: ComputedService): string {
  return `${typeName(service.id)}Fixtures`;
}

/**
 * `generated/fixtures.ts`: the service's fixtures type (its Database, its documents by collection,
 * the payloads of the events it consumes, its endpoints' request parts) and example rows for
 * every table and collection.
 */
export function fixturesFile(computed: ComputedModel, service: ComputedService): string {
  const shared = new Set<string>(computed.services.flatMap((s) => s.schemas));
  const imports = new Set<string>();
  const docType = (use: SchemaUse): string => {
    if (use.kind === "named" && shared.has(use.name)) {
      imports.add(use.name);
      return use.name;
    }
    const schema = use.kind === "named" ? (computed.schema(use.name)?.schema ?? {}) : use.schema;
    return schemaToType(schema, { ref: (name) => (shared.has(name) ? (imports.add(name), name) : "unknown") }, "  ");
  };
  const stores = service.databaseStores;
  const documentStores = stores.filter((s): s is DocumentStore => s.kind === "document");
  const postgresStores = stores.filter((s): s is PostgresStore => s.kind === "postgres");
  const documents = documentStores.flatMap((s) =>
    s.collections.map((c) => ({ name: c.name, type: docType(c.schema) })),
  );
  const events = service.consumes.flatMap((id) => {
    const event = computed.findEvent(id);
    if (!event) return [];
    const type = payloadType(computed, event);
    imports.add(type);
    return [{ name: id, type }];
  });
  const model = computed.model;
  return render("generated/fixtures.ts", {
    id: service.id,
    type: fixturesTypeName(service),
    imports: [...imports].sort(),
    documents,
    events,
    rows: postgresStores.flatMap((s) => exampleRows(computed, s)),
    collections: documentStores.flatMap((s) => exampleDocuments(model, s)),
    requests: service.endpoints.map((e) => {
      const [params, query, body] = endpointTypeNames(e.name);
      return { name: e.name, params, query, body };
    }),
  });
}

/** The user's `src/fixtures.ts` as first written: the example rows, and room for their own. */
export function fixturesScaffold(service: ComputedService): string {
  return render("fixtures.ts", { id: service.id, type: fixturesTypeName(service) });
}
