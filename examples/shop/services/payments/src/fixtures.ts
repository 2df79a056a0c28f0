import { withExamples } from "archkit/runtime";
import { FIXTURE_IDS as ids, FIXTURE_TIME } from "../../fixture-ids.js";
import { EXAMPLE_FIXTURES, type PaymentsFixtures } from "./generated/fixtures.js";

/**
 * The paid order's charge. Its gateway reference names a charge of the live gateway, not of a
 * fresh simulator, so the contract tests charge the open order (through the simulator) and then
 * cancel that one, which refunds it.
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
    OrderCancelled: { orderId: ids.openOrder, customerId: ids.grace, reason: "ordered twice", occurredAt: FIXTURE_TIME },
  },
  requests: {
    charge: [
      {
        name: "the open order, by card",
        body: { orderId: ids.openOrder, customerId: ids.grace, amount: { amount: 237, currency: "EUR" }, paymentMethod: { type: "card", token: "tok_visa" } },
        status: 201,
      },
      {
        name: "the failing order, declined",
        body: { orderId: ids.failingOrder, customerId: ids.grace, amount: { amount: 38, currency: "EUR" }, paymentMethod: { type: "card", token: "tok_declined" } },
        status: 402,
      },
    ],
    getPayment: [{ name: "the paid order's payment", params: { paymentId: ids.payment } }],
  },
});
