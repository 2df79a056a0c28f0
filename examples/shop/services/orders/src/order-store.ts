import { json, type Kysely, type Selectable, type Transaction } from "archkit/runtime";
import type { Address, Database, Money, Order, OrderLine, OrderPage, OrderState, OrderStatus, OrdersDbOrdersTable } from "./generated/index.js";
import { numeric } from "./money.js";

export type OrdersDb = Kysely<Database>;
export type OrdersTx = Transaction<Database>;
type OrderRow = Selectable<OrdersDbOrdersTable>;

/** One step of an order's walk through the Order state machine. */
export interface Step {
  readonly from: OrderState;
  readonly to: OrderState;
  readonly event: string;
}

/** An order line with the price it was sold at. */
export type PricedLine = OrderLine & { readonly unitPrice: Money };

export interface NewOrder {
  readonly id: string;
  readonly customerId: string;
  readonly status: OrderState;
  readonly items: readonly PricedLine[];
  readonly total: Money;
  readonly shippingAddress: Address;
}

/** Writes the order, its lines and the transitions that led to its status, in the caller's transaction. */
export async function insertOrder(tx: OrdersTx, order: NewOrder, steps: readonly Step[]): Promise<void> {
  await tx
    .insertInto("orders")
    .values({ id: order.id, customerId: order.customerId, status: order.status, total: order.total.amount.toFixed(2), currency: order.total.currency, paymentId: null, shippingAddress: json(order.shippingAddress), trackingNumber: null })
    .execute();
  await tx
    .insertInto("orderItems")
    .values(order.items.map((line) => ({ orderId: order.id, productId: line.productId, quantity: line.quantity, unitPrice: line.unitPrice.amount.toFixed(2) })))
    .execute();
  await recordSteps(tx, order.id, steps);
}

/** Moves an order along one step (only from the state the step starts in) and records it. */
export async function moveOrder(tx: OrdersTx, orderId: string, step: Step, changes: { readonly paymentId?: string; readonly trackingNumber?: string } = {}): Promise<void> {
  const result = await tx
    .updateTable("orders")
    .set({ status: step.to, ...changes, updatedAt: new Date() })
    .where("id", "=", orderId)
    .where("status", "=", step.from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`order ${orderId} is no longer ${step.from}; cannot ${step.event}`);
  await recordSteps(tx, orderId, [step]);
}

async function recordSteps(tx: OrdersTx, orderId: string, steps: readonly Step[]): Promise<void> {
  if (steps.length === 0) return;
  await tx.insertInto("orderTransitions").values(steps.map((s) => ({ orderId, fromState: s.from, toState: s.to, event: s.event }))).execute();
}

/** One `order moved` log line per step (the audit trail a reader of the logs sees; `archkit dev` shows it). */
export function logSteps(log: { info(record: object, message: string): void }, orderId: string, steps: readonly Step[]): void {
  for (const step of steps) log.info({ orderId, from: step.from, to: step.to, event: step.event }, "order moved");
}

/** The order's row, locked for the rest of the transaction. */
export function lockOrder(tx: OrdersTx, orderId: string): Promise<OrderRow | undefined> {
  return tx.selectFrom("orders").selectAll().where("id", "=", orderId).forUpdate().executeTakeFirst();
}

export async function loadOrder(db: OrdersDb | OrdersTx, orderId: string): Promise<Order | undefined> {
  const row = await db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirst();
  return row ? (await withItems(db, [row]))[0] : undefined;
}

export interface OrderFilter {
  readonly customerId?: string;
  readonly status?: OrderStatus;
  readonly page: number;
  readonly limit: number;
}

/** Newest first. */
export async function listOrders(db: OrdersDb, filter: OrderFilter): Promise<OrderPage> {
  const base = db
    .selectFrom("orders")
    .$if(filter.customerId !== undefined, (q) => q.where("customerId", "=", filter.customerId!))
    .$if(filter.status !== undefined, (q) => q.where("status", "=", filter.status!));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("createdAt", "desc").orderBy("id").limit(filter.limit).offset((filter.page - 1) * filter.limit).execute(),
    base.select((eb) => eb.fn.countAll<string | number | bigint>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { items: await withItems(db, rows), page: filter.page, limit: filter.limit, total: Number(count.total) };
}

async function withItems(db: OrdersDb | OrdersTx, rows: readonly OrderRow[]): Promise<Order[]> {
  if (rows.length === 0) return [];
  const lines = await db.selectFrom("orderItems").selectAll().where("orderId", "in", rows.map((r) => r.id)).orderBy("productId").execute();
  return rows.map((row) => {
    const items = lines.filter((l) => l.orderId === row.id).map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: { amount: numeric(l.unitPrice), currency: row.currency } }));
    return toOrder(row, items);
  });
}

function toOrder(row: OrderRow, items: OrderLine[]): Order {
  return {
    id: row.id,
    customerId: row.customerId,
    status: row.status,
    items,
    total: { amount: numeric(row.total), currency: row.currency },
    shippingAddress: row.shippingAddress,
    ...(row.paymentId === null ? {} : { paymentId: row.paymentId }),
    ...(row.trackingNumber === null ? {} : { trackingNumber: row.trackingNumber }),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
