import { withExamples } from "archkit/runtime";
import { FIXTURE_IDS as ids, FIXTURE_TIME } from "../../fixture-ids.js";
import { EXAMPLE_FIXTURES, type NotificationsFixtures } from "./generated/fixtures.js";

const AT = new Date(FIXTURE_TIME);

/** Grace's and Alan's contact details (as their UserCreated left them) and the welcome email Grace got. */
export const fixtures: NotificationsFixtures = withExamples(EXAMPLE_FIXTURES, {
  tables: {
    recipients: [
      { userId: ids.grace, email: "grace@example.com", phone: "+442079460001", name: "Grace Hopper", updatedAt: AT },
      { userId: ids.alan, email: "alan@example.com", name: "Alan Turing", updatedAt: AT },
    ],
    notifications: [
      { id: "7b9d1f3a-5c7e-4a9b-8d1f-3a5c7e9b1d01", recipientId: ids.grace, channel: "email", template: "welcome", status: "sent", sentAt: AT, createdAt: AT },
    ],
  },
  events: {
    UserCreated: { userId: ids.alan, email: "alan@example.com", name: "Alan Turing", occurredAt: FIXTURE_TIME },
    UserUpdated: { userId: ids.grace, phone: "+442079460002", occurredAt: FIXTURE_TIME },
    OrderCreated: {
      orderId: ids.openOrder,
      customerId: ids.grace,
      items: [{ productId: ids.clock, quantity: 3 }],
      total: { amount: 237, currency: "EUR" },
      occurredAt: FIXTURE_TIME,
    },
    OrderCancelled: { orderId: ids.paidOrder, customerId: ids.grace, reason: "ordered twice", paymentId: ids.payment, occurredAt: FIXTURE_TIME },
    OrderShipped: { orderId: ids.paidOrder, customerId: ids.grace, carrier: "Royal Mail", trackingNumber: "JD014600003GB", occurredAt: FIXTURE_TIME },
    PaymentFailed: { paymentId: ids.payment, orderId: ids.failingOrder, customerId: ids.grace, reason: "card declined", occurredAt: FIXTURE_TIME },
    PaymentRefunded: { paymentId: ids.payment, orderId: ids.paidOrder, customerId: ids.grace, amount: { amount: 49.9, currency: "EUR" }, occurredAt: FIXTURE_TIME },
    LowStock: { productId: ids.clock, sku: "CLK-BG-003", available: 9, threshold: 10, occurredAt: FIXTURE_TIME },
  },
});
