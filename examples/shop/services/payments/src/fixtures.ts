import { withExamples } from "archkit/runtime";
import { FIXTURE_IDS as ids, FIXTURE_TIME } from "../../fixture-ids.js";
import { EXAMPLE_FIXTURES, type PaymentsFixtures } from "./generated/fixtures.js";

/**
 * The paid order's charge. Its gateway reference names a charge of the live gateway, not of a
 * fresh simulator, so the contract tests cancel the failing order instead (which has no payment
 * to refund).
 */
export const fixtures: PaymentsFixtures = withExamples(EXAMPLE_FIXTURES, {
  tables: {
    payments: [
      {
        id: ids.payment,
        orderId: ids.paidOrder,
        customerId: ids.grace,
        amount: "49.90",
        currency: "EUR",
        status: "succeeded",
        providerRef: "ch_fixture_paid_order",
        createdAt: new Date(FIXTURE_TIME),
      },
    ],
    refunds: [],
  },
  events: {
    OrderCancelled: { orderId: ids.failingOrder, customerId: ids.grace, reason: "payment declined", occurredAt: FIXTURE_TIME },
  },
});
