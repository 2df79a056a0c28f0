import type { Money, SalesReport } from "./generated/index.js";
import type { OrdersDb } from "./order-store.js";
import { numeric } from "./money.js";

const DAY_MS = 86_400_000;
/** Without `from`, the report covers the 30 days up to `to` (default today, UTC). */
export const DEFAULT_REPORT_DAYS = 30;

/** The UTC day of an ISO time. */
export function dayOf(isoTime: string): string {
  return new Date(isoTime).toISOString().slice(0, 10);
}

/** CQRS projection (ADR-002): one completed payment adds an order and its amount to its day. */
export async function addRevenue(db: OrdersDb, day: string, amount: Money): Promise<void> {
  await db
    .insertInto("dailySales")
    .values((eb) => ({ day: eb.cast<Date>(eb.val(day), "date"), orderCount: 1, grossRevenue: amount.amount.toFixed(2) }))
    .onConflict((oc) =>
      oc.column("day").doUpdateSet((eb) => ({
        orderCount: eb("dailySales.orderCount", "+", 1),
        grossRevenue: eb("dailySales.grossRevenue", "+", eb.ref("excluded.grossRevenue")),
        updatedAt: new Date(),
      })),
    )
    .execute();
}

/** A refund adds to its day's `refunded` (the day of the refund, not of the sale). */
export async function addRefund(db: OrdersDb, day: string, amount: Money): Promise<void> {
  await db
    .insertInto("dailySales")
    .values((eb) => ({ day: eb.cast<Date>(eb.val(day), "date"), orderCount: 0, refunded: amount.amount.toFixed(2) }))
    .onConflict((oc) => oc.column("day").doUpdateSet((eb) => ({ refunded: eb("dailySales.refunded", "+", eb.ref("excluded.refunded")), updatedAt: new Date() })))
    .execute();
}

export interface ReportRange {
  readonly from: string;
  readonly to: string;
}

/** `from`/`to` as given, with the defaults filled in. */
export function reportRange(from: string | undefined, to: string | undefined, now = new Date()): ReportRange {
  const end = to ?? now.toISOString().slice(0, 10);
  const start = from ?? new Date(Date.parse(end) - (DEFAULT_REPORT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from: start, to: end };
}

/** Days with sales or refunds in the range, oldest first (amounts summed over currencies). */
export async function salesReport(db: OrdersDb, range: ReportRange): Promise<SalesReport> {
  const rows = await db
    .selectFrom("dailySales")
    .select((eb) => [eb.fn<string>("to_char", [eb.ref("day"), eb.val("YYYY-MM-DD")]).as("day"), "orderCount", "grossRevenue", "refunded"])
    .where((eb) => eb.between("day", eb.cast<Date>(eb.val(range.from), "date"), eb.cast<Date>(eb.val(range.to), "date")))
    .orderBy("day")
    .execute();
  return {
    ...range,
    days: rows.map((r) => ({ day: r.day, orderCount: r.orderCount, grossRevenue: numeric(r.grossRevenue), refunded: numeric(r.refunded) })),
  };
}
