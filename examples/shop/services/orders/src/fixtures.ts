import { withExamples } from "archkit/runtime";
import { FIXTURE_IDS as ids, FIXTURE_TIME } from "../../fixture-ids.js";
import { EXAMPLE_FIXTURES, type OrdersFixtures } from "./generated/fixtures.js";

const AT = new Date(FIXTURE_TIME);
const ADDRESS = { line1: "12 Analytical Row", city: "London", postalCode: "N1 9GU", country: "GB" };
const PAID_STEPS = [
  ["created", "validated", "validate"],
  ["validated", "reserved", "reserve"],
  ["reserved", "paid", "pay"],
] as const;

/**
 * Grace's orders: one paid (a T-shirt and two notebooks, 49.90 EUR), one whose three clocks are
 * reserved, one whose posters are reserved and whose payment is about to be declined; the day's
 * sales count the paid one. The contract tests read the paid order as Grace, ship it, cancel the
 * open one, and place one with a card that is declined.
 */
export const fixtures: OrdersFixtures = withExamples(EXAMPLE_FIXTURES, {
  tables: {
    orders: [
      { id: ids.paidOrder, customerId: ids.grace, status: "paid", total: "49.90", currency: "EUR", paymentId: ids.payment, shippingAddress: ADDRESS, createdAt: AT, updatedAt: AT },
      { id: ids.openOrder, customerId: ids.grace, status: "reserved", total: "237.00", currency: "EUR", shippingAddress: ADDRESS, createdAt: AT, updatedAt: AT },
      { id: ids.failingOrder, customerId: ids.grace, status: "reserved", total: "38.00", currency: "EUR", shippingAddress: ADDRESS, createdAt: AT, updatedAt: AT },
    ],
    orderItems: [
      { id: "2f4b6d8e-0a1c-4e3f-8a5b-7c9d1e3f5a01", orderId: ids.paidOrder, productId: ids.tshirt, quantity: 1, unitPrice: "24.90" },
      { id: "2f4b6d8e-0a1c-4e3f-8a5b-7c9d1e3f5a02", orderId: ids.paidOrder, productId: ids.notebook, quantity: 2, unitPrice: "12.50" },
      { id: "2f4b6d8e-0a1c-4e3f-8a5b-7c9d1e3f5a03", orderId: ids.openOrder, productId: ids.clock, quantity: 3, unitPrice: "79.00" },
      { id: "2f4b6d8e-0a1c-4e3f-8a5b-7c9d1e3f5a04", orderId: ids.failingOrder, productId: ids.poster, quantity: 2, unitPrice: "19.00" },
    ],
    orderTransitions: PAID_STEPS.map(([fromState, toState, event], i) => ({
      id: `4a6c8e0b-2d4f-4a1c-9e3b-5d7f9a1c3e0${i + 1}`,
      orderId: ids.paidOrder,
      fromState,
      toState,
      event,
      occurredAt: AT,
    })),
    dailySales: [{ day: new Date(FIXTURE_TIME.slice(0, 10)), orderCount: 1, grossRevenue: "49.90", refunded: "0" }],
  },
  events: {
    PaymentCompleted: { paymentId: ids.payment, orderId: ids.paidOrder, customerId: ids.grace, amount: { amount: 49.9, currency: "EUR" }, occurredAt: FIXTURE_TIME },
    PaymentRefunded: { paymentId: ids.payment, orderId: ids.paidOrder, customerId: ids.grace, amount: { amount: 49.9, currency: "EUR" }, occurredAt: FIXTURE_TIME },
  },
  requests: {
    placeOrder: [
      {
        name: "a notebook paid with a card that is declined",
        body: { items: [{ productId: ids.notebook, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: { type: "card", token: "tok_declined" } },
        user: ids.grace,
        status: 402,
      },
    ],
    getOrder: [
      { name: "Grace reads her paid order", params: { orderId: ids.paidOrder }, user: ids.grace },
      { name: "someone else reads it", params: { orderId: ids.paidOrder }, user: ids.alan, status: 403 },
    ],
    cancelOrder: [{ name: "the open order", params: { orderId: ids.openOrder }, body: { reason: "ordered twice" } }],
    shipOrder: [
      { name: "the paid order", params: { orderId: ids.paidOrder }, body: { carrier: "Royal Mail", trackingNumber: "RM123456785GB" } },
      { name: "the failing order, not paid yet", params: { orderId: ids.failingOrder }, body: { carrier: "Royal Mail", trackingNumber: "RM123456786GB" }, status: 409 },
    ],
  },
});
