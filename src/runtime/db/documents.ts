import { sql, type Kysely } from "kysely";

/** One stored document with its bookkeeping columns. */
export interface StoredDocument<T> {
  readonly id: string;
  readonly data: T;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface FindOptions {
  readonly limit?: number;
  readonly offset?: number;
}

/** A collection of a document store: a JSONB table `(id, data, created_at, updated_at)`. */
export interface DocumentCollection<T> {
  readonly name: string;
  get(id: string): Promise<StoredDocument<T> | undefined>;
  /** Inserts or replaces the document; `created_at` is kept on replace. */
  put(id: string, data: T): Promise<void>;
  /** True when a document was deleted. */
  delete(id: string): Promise<boolean>;
  /** Documents whose data contains `match` (JSONB `@>`), oldest first. */
  find(match?: Partial<T>, options?: FindOptions): Promise<StoredDocument<T>[]>;
}

interface DocumentRow {
  id: string;
  data: unknown;
  created_at: Date | string;
  updated_at: Date | string;
}

/**
 * Access to one collection of a document store, on a database or inside a transaction.
 *
 * @example
 * const products = documentCollection<Product>(handle.db, "products");
 * await products.put(product.id, product);
 * const shoes = await products.find({ category: "shoes" }, { limit: 20 });
 */
export function documentCollection<T>(db: Kysely<any>, name: string): DocumentCollection<T> {
  return {
    name,
    async get(id) {
      const row = await db.selectFrom(name).selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toDocument<T>(row as DocumentRow) : undefined;
    },
    async put(id, data) {
      await db
        .insertInto(name)
        .values({ id, data: JSON.stringify(data) })
        .onConflict((oc) => oc.column("id").doUpdateSet({ data: sql`excluded.data`, updated_at: sql`now()` }))
        .execute();
    },
    async delete(id) {
      const result = await db.deleteFrom(name).where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async find(match = {}, options = {}) {
      const rows = await db
        .selectFrom(name)
        .selectAll()
        .where(sql<boolean>`data @> ${JSON.stringify(match)}::jsonb`)
        .orderBy("created_at")
        .orderBy("id")
        .limit(options.limit ?? 100)
        .offset(options.offset ?? 0)
        .execute();
      return rows.map((row) => toDocument<T>(row as DocumentRow));
    },
  };
}

function toDocument<T>(row: DocumentRow): StoredDocument<T> {
  return { id: row.id, data: row.data as T, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) };
}
