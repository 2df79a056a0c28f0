import type { Selectable } from "archkit/runtime";
import type { ProductsDb } from "./catalog.js";
import type { InventoryDbReservationsTable, InventoryDbStockTable, StockReservation } from "./generated/index.js";

/** A reservation holds stock for 15 minutes (the spec's reserveStock description). */
export const RESERVATION_TTL_MS = 15 * 60_000;

export type StockRow = Selectable<InventoryDbStockTable>;
type ReservationRow = Selectable<InventoryDbReservationsTable>;

export type Reservation =
  | { readonly kind: "reserved"; readonly reservation: StockReservation }
  | { readonly kind: "unknown-product" }
  | { readonly kind: "short"; readonly available: number };

/**
 * Holds `quantity` units for an order: `available` goes down, `reserved` up, under a row lock so
 * two orders never take the same unit. Expired reservations of the product are given back first.
 * Asking again for the same order and product returns the first reservation.
 */
export async function reserve(db: ProductsDb, productId: string, orderId: string, quantity: number): Promise<Reservation> {
  return db.transaction().execute(async (tx) => {
    const stock = await tx.selectFrom("stock").selectAll().where("productId", "=", productId).forUpdate().executeTakeFirst();
    if (!stock) return { kind: "unknown-product" };
    await expireStale(tx, productId);
    const existing = await tx.selectFrom("reservations").selectAll().where("orderId", "=", orderId).where("productId", "=", productId).executeTakeFirst();
    if (existing) return { kind: "reserved", reservation: toReservation(existing) };
    const current = await tx.selectFrom("stock").select("available").where("productId", "=", productId).executeTakeFirstOrThrow();
    if (current.available < quantity) return { kind: "short", available: current.available };
    await tx
      .updateTable("stock")
      .set((eb) => ({ available: eb("available", "-", quantity), reserved: eb("reserved", "+", quantity), updatedAt: new Date() }))
      .where("productId", "=", productId)
      .execute();
    const row = await tx
      .insertInto("reservations")
      .values({ productId, orderId, quantity, status: "reserved", expiresAt: new Date(Date.now() + RESERVATION_TTL_MS) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { kind: "reserved", reservation: toReservation(row) };
  });
}

/** The order was created: its held units leave the stock for good. Returns the stock rows it touched. */
export async function commitOrder(tx: ProductsDb, orderId: string): Promise<StockRow[]> {
  const held = await reservationsOf(tx, orderId, ["reserved"]);
  for (const r of held) {
    await tx.updateTable("reservations").set({ status: "committed" }).where("id", "=", r.id).execute();
    await tx.updateTable("stock").set((eb) => ({ reserved: eb("reserved", "-", r.quantity), updatedAt: new Date() })).where("productId", "=", r.productId).execute();
  }
  const ids = [...new Set(held.map((r) => r.productId))];
  return ids.length === 0 ? [] : tx.selectFrom("stock").selectAll().where("productId", "in", ids).execute();
}

/**
 * Gives an order's units back to `available`: held ones (the order failed) and, when
 * `committed` is included, sold ones (the order was cancelled). Each reservation ends `released`.
 */
export async function releaseOrder(tx: ProductsDb, orderId: string, statuses: readonly ("reserved" | "committed")[]): Promise<number> {
  const rows = await reservationsOf(tx, orderId, statuses);
  for (const r of rows) {
    const stillHeld = r.status === "reserved" ? r.quantity : 0;
    await tx.updateTable("reservations").set({ status: "released" }).where("id", "=", r.id).execute();
    await tx
      .updateTable("stock")
      .set((eb) => ({ available: eb("available", "+", r.quantity), reserved: eb("reserved", "-", stillHeld), updatedAt: new Date() }))
      .where("productId", "=", r.productId)
      .execute();
  }
  return rows.length;
}

/** Units in stock and not reserved, per product id (0 for a product without a stock row). */
export async function availability(db: ProductsDb, productIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await db.selectFrom("stock").select(["productId", "available"]).where("productId", "in", productIds).execute();
  return new Map(rows.map((r) => [r.productId, r.available]));
}

async function expireStale(tx: ProductsDb, productId: string): Promise<void> {
  const stale = await tx.selectFrom("reservations").selectAll().where("productId", "=", productId).where("status", "=", "reserved").where("expiresAt", "<", new Date()).execute();
  for (const r of stale) {
    await tx.updateTable("reservations").set({ status: "expired" }).where("id", "=", r.id).execute();
    await tx.updateTable("stock").set((eb) => ({ available: eb("available", "+", r.quantity), reserved: eb("reserved", "-", r.quantity) })).where("productId", "=", productId).execute();
  }
}

function reservationsOf(tx: ProductsDb, orderId: string, statuses: readonly string[]): Promise<ReservationRow[]> {
  return tx.selectFrom("reservations").selectAll().where("orderId", "=", orderId).where("status", "in", statuses).orderBy("createdAt").execute();
}

function toReservation(row: ReservationRow): StockReservation {
  const status = row.status === "committed" || row.status === "released" || row.status === "expired" ? row.status : "reserved";
  return { id: row.id, productId: row.productId, orderId: row.orderId, quantity: row.quantity, status, expiresAt: new Date(row.expiresAt).toISOString() };
}
