import type { Kysely, Selectable } from "archkit/runtime";
import type { Database, Money, Payment, PaymentsDbPaymentsTable } from "./generated/index.js";

export type PaymentsDb = Kysely<Database>;
export type PaymentRow = Selectable<PaymentsDbPaymentsTable>;

export interface Attempt {
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: Money;
  readonly status: "succeeded" | "failed";
  readonly providerRef?: string;
  readonly failureReason?: string;
}

/** One payment per order: a new attempt after a failed one updates that row (the payment id stays). */
export function recordAttempt(tx: PaymentsDb, attempt: Attempt): Promise<PaymentRow> {
  const values = {
    customerId: attempt.customerId,
    amount: attempt.amount.amount.toFixed(2),
    currency: attempt.amount.currency,
    status: attempt.status,
    providerRef: attempt.providerRef ?? null,
    failureReason: attempt.failureReason ?? null,
  };
  return tx
    .insertInto("payments")
    .values({ orderId: attempt.orderId, ...values })
    .onConflict((oc) => oc.column("orderId").doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function moneyOf(row: PaymentRow): Money {
  return { amount: Number(row.amount), currency: row.currency };
}

export function toPayment(row: PaymentRow): Payment {
  const status = row.status === "failed" || row.status === "refunded" ? row.status : "succeeded";
  return {
    id: row.id,
    orderId: row.orderId,
    amount: moneyOf(row),
    status,
    ...(row.providerRef === null ? {} : { providerRef: row.providerRef }),
    ...(row.failureReason === null ? {} : { failureReason: row.failureReason }),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
