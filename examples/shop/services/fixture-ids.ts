/**
 * The ids the services' fixtures share, so the seeded shop is one consistent story: Grace is a
 * customer with a paid order and an order still holding stock, Alan is an admin, and the
 * products are the starter catalog's (products/src/catalog-seed.ts).
 */
export const FIXTURE_IDS = {
  grace: "6a1f3c52-0d4e-4b7a-9c21-5e8f7a6b0c01",
  alan: "6a1f3c52-0d4e-4b7a-9c21-5e8f7a6b0c02",
  tshirt: "3f6c2a8e-8d1b-4c4e-9a53-2b7f0d9e1a01",
  notebook: "9b1d4e27-5c3a-4f8b-8e21-6a0c7d3f5b02",
  /** 12 in stock, low-stock alert at 10. */
  clock: "c1a5e0f2-7b3d-4e69-8f12-3a4b5c6d7e03",
  poster: "d2b6f1a3-8c4e-4f7a-9a23-4b5c6d7e8f04",
  /** Paid and committed: one T-shirt and two notebooks. */
  paidOrder: "b7e2d9a4-1c3f-4e5a-8b6d-0f9a8c7e6d01",
  /** Created, its stock still reserved: three of a product that is nearly sold out. */
  openOrder: "b7e2d9a4-1c3f-4e5a-8b6d-0f9a8c7e6d02",
  /** Created, its stock reserved, about to fail. */
  failingOrder: "b7e2d9a4-1c3f-4e5a-8b6d-0f9a8c7e6d03",
  /** Being placed while the contract tests run: they reserve stock for it. */
  checkoutOrder: "b7e2d9a4-1c3f-4e5a-8b6d-0f9a8c7e6d04",
  payment: "d4c3b2a1-9e8f-4a7b-8c6d-5e4f3a2b1c01",
} as const;

/** When the paid order was placed and paid. */
export const FIXTURE_TIME = "2026-01-15T10:30:00.000Z";
