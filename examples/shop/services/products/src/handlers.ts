import { randomUUID } from "node:crypto";
import { HttpProblem } from "archkit/runtime";
import {
  categoryDocuments,
  findDocuments,
  productCacheKey,
  productDocuments,
  type Filter,
  type ProductDocument,
} from "./catalog.js";
import { ensureCatalog } from "./catalog-seed.js";
import type { Deps, Handlers, Product, ProductPage } from "./generated/index.js";
import { availability, commitOrder, releaseOrder, reserve } from "./inventory.js";

/** The header that tells the caller of reserveStock the product's current unit price (`24.90 EUR`). */
export const UNIT_PRICE_HEADER = "x-unit-price";

/** Product Service: the catalog (a document store), search, and stock reservations (inventoryDb). */
export const handlers: Handlers = {
  async listProducts(req) {
    const { page, limit, category } = req.query;
    const filter: Filter = category === undefined ? { kind: "all" } : { kind: "category", category };
    return { status: 200, body: await productPage(req.ctx.deps, filter, page ?? 1, limit ?? 20) };
  },

  async searchProducts(req) {
    const { q, page, limit } = req.query;
    if (q === undefined)
      throw new HttpProblem(400, "Bad Request", "search needs a query: ?q=<at least two characters>", {
        errors: [{ pointer: "/query/q", message: "is required" }],
      });
    return { status: 200, body: await productPage(req.ctx.deps, { kind: "search", query: q }, page ?? 1, limit ?? 20) };
  },

  async getProduct(req) {
    const { deps } = req.ctx;
    await ensureCatalog(deps.db);
    const document = await cachedDocument(deps, req.params.productId);
    if (!document) return { status: 404 };
    const stock = await availability(deps.db, [document.id]);
    return { status: 200, body: { ...document, available: stock.get(document.id) ?? 0 } };
  },

  async createProduct(req) {
    const { deps } = req.ctx;
    await ensureCatalog(deps.db);
    const { initialStock, ...fields } = req.body;
    const db = deps.db;
    const taken = await db
      .selectFrom("products")
      .select("id")
      .where((eb) => eb(eb.ref("data", "->>").key("sku"), "=", fields.sku))
      .executeTakeFirst();
    if (taken)
      return {
        status: 409,
        body: {
          type: "about:blank",
          title: "Conflict",
          status: 409,
          detail: `SKU ${fields.sku} is already product ${taken.id}`,
        },
      };
    const document: ProductDocument = { id: randomUUID(), ...fields, createdAt: new Date().toISOString() };
    await db.transaction().execute(async (tx) => {
      const categories = categoryDocuments(tx);
      if (!(await categories.get(document.category)))
        await categories.put(document.category, { id: document.category, name: titleCase(document.category) });
      await productDocuments(tx).put(document.id, document);
      await tx
        .insertInto("stock")
        .values({ productId: document.id, available: initialStock ?? 0, reserved: 0 })
        .execute();
    });
    return {
      status: 201,
      body: { ...document, available: initialStock ?? 0 },
      headers: { location: `/products/${document.id}` },
    };
  },

  async reserveStock(req) {
    const { deps } = req.ctx;
    await ensureCatalog(deps.db);
    const { productId } = req.params;
    const document = await cachedDocument(deps, productId);
    const outcome = document
      ? await reserve(deps.db, productId, req.body.orderId, req.body.quantity)
      : ({ kind: "unknown-product" } as const);
    switch (outcome.kind) {
      case "unknown-product":
        return {
          status: 404,
          body: { type: "about:blank", title: "Not Found", status: 404, detail: `no product ${productId}` },
        };
      case "short":
        return {
          status: 409,
          body: {
            type: "about:blank",
            title: "Conflict",
            status: 409,
            detail: `only ${outcome.available} of product ${productId} available, ${req.body.quantity} asked`,
          },
        };
      case "reserved":
        return {
          status: 201,
          body: outcome.reservation,
          headers: { [UNIT_PRICE_HEADER]: `${document!.price.amount.toFixed(2)} ${document!.price.currency}` },
        };
      default: {
        const unknown: never = outcome;
        throw new Error(`unknown reservation outcome ${JSON.stringify(unknown)}`);
      }
    }
  },

  async commitReservations(payload, context) {
    const { db, publish } = context.deps;
    const touched = await commitOrder(db, payload.orderId);
    for (const stock of touched) {
      if (stock.available > stock.lowStockThreshold) continue;
      const document = await productDocuments(db).get(stock.productId);
      await publish("LowStock", {
        productId: stock.productId,
        ...(document ? { sku: document.data.sku } : {}),
        available: stock.available,
        threshold: stock.lowStockThreshold,
        occurredAt: new Date().toISOString(),
      });
    }
  },

  async releaseReservations(payload, context) {
    await releaseOrder(context.deps.db, payload.orderId, ["reserved"]);
  },

  async restockCancelledOrder(payload, context) {
    await releaseOrder(context.deps.db, payload.orderId, ["reserved", "committed"]);
  },
};

async function productPage(deps: Pick<Deps, "db">, filter: Filter, page: number, limit: number): Promise<ProductPage> {
  await ensureCatalog(deps.db);
  const db = deps.db;
  const found = await findDocuments(db, filter, { page, limit });
  const stock = await availability(
    db,
    found.documents.map((d) => d.id),
  );
  const items: Product[] = found.documents.map((d) => ({ ...d, available: stock.get(d.id) ?? 0 }));
  return { items, page, limit, total: found.total };
}

/** Cache-aside on the catalog document (the store's TTL); stock is not cached. */
async function cachedDocument(
  deps: Pick<Deps, "db" | "cache">,
  productId: string,
): Promise<ProductDocument | undefined> {
  const key = productCacheKey(productId);
  const cached = await deps.cache.get<ProductDocument>(key);
  if (cached) return cached;
  const stored = await productDocuments(deps.db).get(productId);
  if (stored) await deps.cache.set(key, stored.data);
  return stored?.data;
}

function titleCase(id: string): string {
  return id.replace(/[-_]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
}
