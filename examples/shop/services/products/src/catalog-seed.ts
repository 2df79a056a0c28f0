import { categoryDocuments, productDocuments, type ProductDocument, type ProductsDb } from "./catalog.js";
import type { Category } from "./generated/index.js";

/** A product of the starter catalog, with its opening stock. */
interface SeedProduct {
  readonly document: Omit<ProductDocument, "createdAt">;
  readonly stock: number;
  readonly lowStockThreshold: number;
}

export const CATEGORIES: readonly Category[] = [
  { id: "apparel", name: "Apparel", description: "Shirts, scarves and other things to wear" },
  { id: "stationery", name: "Stationery", description: "Notebooks, pens and paper" },
  { id: "home", name: "Home", description: "Clocks, posters and desk pieces" },
];

/**
 * The starter catalog. The first two ids are the ones the order flow's example in
 * architecture.yaml orders, so the flow works against a fresh shop; they are stocked by the
 * hundred thousand, so `archkit sla` can place that order for minutes at its rates without
 * selling out. The other three have little stock, for low-stock alerts and sold-out answers.
 */
export const SEED_PRODUCTS: readonly SeedProduct[] = [
  {
    document: { id: "3f6c2a8e-8d1b-4c4e-9a53-2b7f0d9e1a01", sku: "TSH-DE-001", name: "Difference Engine T-Shirt", description: "Organic cotton tee printed with Babbage's Difference Engine No. 2", price: { amount: 24.9, currency: "EUR" }, category: "apparel", attributes: { size: "M", colour: "navy" } },
    stock: 100_000,
    lowStockThreshold: 10,
  },
  {
    document: { id: "9b1d4e27-5c3a-4f8b-8e21-6a0c7d3f5b02", sku: "NTB-PC-002", name: "Punched Card Notebook", description: "A5 dotted notebook whose cover is a Jacquard punched card", price: { amount: 12.5, currency: "EUR" }, category: "stationery", attributes: { pages: "192" } },
    stock: 50_000,
    lowStockThreshold: 10,
  },
  {
    document: { id: "c1a5e0f2-7b3d-4e69-8f12-3a4b5c6d7e03", sku: "CLK-BG-003", name: "Brass Gear Desk Clock", description: "Skeleton desk clock with visible brass gears", price: { amount: 79, currency: "EUR" }, category: "home" },
    stock: 12,
    lowStockThreshold: 10,
  },
  {
    document: { id: "d2b6f1a3-8c4e-4f7a-9a23-4b5c6d7e8f04", sku: "PST-LN-004", name: "Lovelace Notes Poster", description: "Note G, the first published computer program, as an A2 print", price: { amount: 19, currency: "EUR" }, category: "home" },
    stock: 30,
    lowStockThreshold: 5,
  },
  {
    document: { id: "e3c7a2b4-9d5f-4a8b-8b34-5c6d7e8f9a05", sku: "SCF-JL-005", name: "Jacquard Loom Scarf", description: "Woven wool scarf in a punched-card pattern", price: { amount: 39, currency: "EUR" }, category: "apparel", attributes: { material: "wool" } },
    stock: 8,
    lowStockThreshold: 3,
  },
];

const seeded = new WeakMap<ProductsDb, Promise<void>>();

/**
 * Fills an empty catalog with `SEED_PRODUCTS` and their stock, once per database. The handlers
 * call it before reading the catalog, and main.ts right after the service starts, so the shop has
 * something to sell however it was started; a catalog that has any product is left alone.
 */
export function ensureCatalog(db: ProductsDb): Promise<void> {
  let done = seeded.get(db);
  if (!done) {
    done = seed(db).catch((error: unknown) => {
      seeded.delete(db);
      throw error;
    });
    seeded.set(db, done);
  }
  return done;
}

async function seed(db: ProductsDb): Promise<void> {
  const any = await db.selectFrom("products").select("id").limit(1).executeTakeFirst();
  if (any) return;
  const createdAt = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    for (const category of CATEGORIES) await categoryDocuments(tx).put(category.id, category);
    for (const { document, stock, lowStockThreshold } of SEED_PRODUCTS) {
      await productDocuments(tx).put(document.id, { ...document, createdAt });
      await tx
        .insertInto("stock")
        .values({ productId: document.id, available: stock, reserved: 0, lowStockThreshold })
        .onConflict((oc) => oc.column("productId").doNothing())
        .execute();
    }
  });
}
