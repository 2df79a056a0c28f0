import { withExamples } from "archkit/runtime";
import { FIXTURE_IDS as ids, FIXTURE_TIME } from "../../fixture-ids.js";
import { CATEGORIES, SEED_PRODUCTS } from "./catalog-seed.js";
import { EXAMPLE_FIXTURES, type ProductsFixtures } from "./generated/fixtures.js";

const HOLD_UNTIL = new Date("2030-01-01T00:00:00.000Z");

/** Units of the fixture orders: sold to the paid order, or still held for the open and the failing one. */
const RESERVATIONS = [
  { id: "5e1a7c3b-2d4f-4a6e-9b8c-7d6e5f4a3b01", productId: ids.tshirt, orderId: ids.paidOrder, quantity: 1, status: "committed" },
  { id: "5e1a7c3b-2d4f-4a6e-9b8c-7d6e5f4a3b02", productId: ids.notebook, orderId: ids.paidOrder, quantity: 2, status: "committed" },
  { id: "5e1a7c3b-2d4f-4a6e-9b8c-7d6e5f4a3b03", productId: ids.clock, orderId: ids.openOrder, quantity: 3, status: "reserved" },
  { id: "5e1a7c3b-2d4f-4a6e-9b8c-7d6e5f4a3b04", productId: ids.poster, orderId: ids.failingOrder, quantity: 2, status: "reserved" },
] as const;

function units(productId: string, status: "committed" | "reserved"): number {
  return RESERVATIONS.filter((r) => r.productId === productId && r.status === status).reduce((sum, r) => sum + r.quantity, 0);
}

/**
 * The starter catalog with its stock after the fixture orders: the paid order's units sold, the
 * open order's three clocks held (which leaves the clock at its low-stock threshold once committed).
 * The contract tests read the T-shirt and reserve one for an order being placed.
 */
export const fixtures: ProductsFixtures = withExamples(EXAMPLE_FIXTURES, {
  tables: {
    stock: SEED_PRODUCTS.map(({ document, stock, lowStockThreshold }) => {
      const reserved = units(document.id, "reserved");
      return { productId: document.id, available: stock - units(document.id, "committed") - reserved, reserved, lowStockThreshold };
    }),
    reservations: RESERVATIONS.map((r) => ({ ...r, expiresAt: HOLD_UNTIL, createdAt: new Date(FIXTURE_TIME) })),
  },
  documents: {
    products: SEED_PRODUCTS.map(({ document }) => ({ id: document.id, data: { ...document, createdAt: FIXTURE_TIME } })),
    categories: CATEGORIES.map((category) => ({ id: category.id, data: category })),
  },
  events: {
    OrderCreated: {
      orderId: ids.openOrder,
      customerId: ids.grace,
      items: [{ productId: ids.clock, quantity: 3 }],
      total: { amount: 237, currency: "EUR" },
      occurredAt: FIXTURE_TIME,
    },
    OrderFailed: { orderId: ids.failingOrder, customerId: ids.grace, reason: "paymentDeclined", occurredAt: FIXTURE_TIME },
    OrderCancelled: { orderId: ids.paidOrder, customerId: ids.grace, reason: "ordered twice", paymentId: ids.payment, occurredAt: FIXTURE_TIME },
  },
  requests: {
    getProduct: [{ name: "the T-shirt", params: { productId: ids.tshirt } }],
    reserveStock: [
      { name: "a T-shirt for the order being placed", params: { productId: ids.tshirt }, body: { orderId: ids.checkoutOrder, quantity: 1 } },
      { name: "more posters than there are", params: { productId: ids.poster }, body: { orderId: ids.checkoutOrder, quantity: 1000 }, status: 409 },
    ],
  },
});
