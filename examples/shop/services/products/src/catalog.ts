import { documentCollection, type DocumentCollection, type Kysely } from "archkit/runtime";
import type { Category, Database, Product } from "./generated/index.js";

/** A product as the catalog store keeps it; `available` comes from the inventory, never from here. */
export type ProductDocument = Omit<Product, "available">;

/** The catalog's documents and the inventory tables, in one database (a transaction is one too). */
export type ProductsDb = Kysely<Database>;

export function productDocuments(db: ProductsDb): DocumentCollection<ProductDocument> {
  return documentCollection<ProductDocument>(db, "products");
}

export function categoryDocuments(db: ProductsDb): DocumentCollection<Category> {
  return documentCollection<Category>(db, "categories");
}

/** Only the catalog document is cached; stock is read fresh, so reservations never leave a stale count behind. */
export function productCacheKey(productId: string): string {
  return `product:${productId}`;
}

export interface PageRequest {
  readonly page: number;
  readonly limit: number;
}

export interface Page {
  readonly documents: readonly ProductDocument[];
  readonly total: number;
}

/** What to look for: one category, or a text search. */
export type Filter = { readonly kind: "all" } | { readonly kind: "category"; readonly category: string } | { readonly kind: "search"; readonly query: string };

/**
 * One page of the catalog, by name. A search is full text over name, description, category and
 * attributes (PostgreSQL `to_tsvector` with the database's default configuration), plus a
 * substring match on name and SKU so partial words are found too.
 */
export async function findDocuments(db: ProductsDb, filter: Filter, paging: PageRequest): Promise<Page> {
  const base = db.selectFrom("products").where((eb) => {
    const field = (key: keyof ProductDocument) => eb.ref("data", "->>").key(key);
    switch (filter.kind) {
      case "all":
        return eb.lit(true);
      case "category":
        return eb(field("category"), "=", filter.category);
      case "search": {
        const pattern = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const text = eb.fn<string>("concat_ws", [eb.val(" "), field("name"), field("description"), field("category"), field("attributes")]);
        return eb.or([eb(eb.fn("to_tsvector", [text]), "@@", eb.fn("plainto_tsquery", [eb.val(filter.query)])), eb(field("name"), "ilike", pattern), eb(field("sku"), "ilike", pattern)]);
      }
      default: {
        const unknown: never = filter;
        throw new Error(`unknown filter ${JSON.stringify(unknown)}`);
      }
    }
  });
  const [rows, count] = await Promise.all([
    base
      .select(["id", "data"])
      .orderBy((eb) => eb.ref("data", "->>").key("name"))
      .orderBy("id")
      .limit(paging.limit)
      .offset((paging.page - 1) * paging.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number | bigint>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { documents: rows.map((row) => row.data), total: Number(count.total) };
}
