import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { nextMigrations } from "../../../src/generators/services/migrations.js";
import { compileSpec, type Model } from "../../../src/model/index.js";

/**
 * A spec of one service with a postgres store `db` and a document store `catalog`, at version
 * `v` of a sequence of schema changes the evolution tests apply one after the other.
 */
export function specVersion(v: 1 | 2 | 3): string {
  const orders = {
    1: `
          id: { type: uuid, primaryKey: true, default: gen_random_uuid() }
          status: { type: text, index: true }
          total: { type: integer }
          note: { type: text, nullable: true }`,
    2: `
          id: { type: uuid, primaryKey: true, default: gen_random_uuid() }
          status: { type: text, index: true }
          amount: { type: integer, renamedFrom: total }
          note: { type: text, nullable: true }
          channel: { type: text, backfill: "'web'" }
          currency: { type: text, default: EUR }`,
    3: `
          id: { type: uuid, primaryKey: true, default: gen_random_uuid() }
          status: { type: text, index: true }
          amount: { type: bigint }
          channel: { type: text }
          currency: { type: text, default: EUR }`,
  }[v];
  const linesName = v === 3 ? "orderLines:\n        renamedFrom: lines" : "lines:";
  const items =
    v === 1 ? "{ schema: Item, indexes: [sku] }" : "{ schema: Item, indexes: [code], renamedFields: { code: sku } }";
  return `${oneServiceSpec(["db", "catalog"])}
  db:
    kind: postgres
    tables:
      orders:
        columns:${orders}
      ${linesName}
        columns:
          id: { type: bigserial, primaryKey: true }
          orderId: { type: uuid, references: orders.id }
          sku: { type: text }
  catalog:
    kind: document
    collections:
      items: ${items}
schemas:
  Item: { type: object }
`;
}

/** The head of a spec with one service `shop` using `stores`, up to the `stores:` line. */
export function oneServiceSpec(stores: readonly string[]): string {
  return `archkit: 1
system: { name: evo, title: Evolution }
services:
  shop:
    stores: [${stores.join(", ")}]
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
stores:`;
}

/** The model of a valid spec; throws with the diagnostics otherwise. */
export function modelOf(text: string): Model {
  const result = compileSpec(text, "architecture.yaml");
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.model;
}

export function evolutionModel(v: 1 | 2 | 3): Model {
  return modelOf(specVersion(v));
}

/** Writes what `archkit generate` would add to each store folder under `root` for the model; returns the new file names. */
export async function generateMigrations(root: string, model: Model): Promise<string[]> {
  const written: string[] = [];
  for (const store of model.stores) {
    const dir = join(root, store.id);
    await mkdir(dir, { recursive: true });
    const names = (await readdir(dir)).sort();
    const existing = new Map(
      await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), "utf8")] as const)),
    );
    for (const file of nextMigrations(existing, store, dir)) {
      await writeFile(join(dir, file.name), file.content);
      if (file.name.endsWith(".sql")) written.push(`${store.id}/${file.name}`);
    }
  }
  return written;
}

export async function rows<T>(db: Kysely<any>, query: string): Promise<T[]> {
  return (await sql.raw<T>(query).execute(db)).rows;
}
