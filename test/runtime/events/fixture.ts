import { randomUUID } from "node:crypto";
import { compileSpec, type Model } from "../../../src/model/index.js";
import type { EventEnvelope } from "../../../src/runtime/contracts.js";

/** A small system for the event tests: orders publishes OrderPlaced, billing consumes it and publishes InvoiceIssued, audit consumes both. */
export const BUS_SPEC = `archkit: 1
system: { name: busdemo, title: Bus demo }
services:
  orders:
    stores: [ordersDb]
    endpoints:
      placeOrder: { method: POST, path: /orders, request: { body: OrderPlacedPayload }, responses: { 201: ~ }, publishes: [OrderPlaced] }
  billing:
    stores: [billingDb]
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
    consumes:
      OrderPlaced: { handler: bill, retries: 2, backoff: 10ms, deadLetter: true, publishes: [InvoiceIssued] }
  audit:
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
    consumes:
      OrderPlaced: { handler: record, retries: 1, backoff: 5ms, deadLetter: true }
      InvoiceIssued: { handler: recordInvoice, retries: 0, deadLetter: false }
events:
  OrderPlaced: { schema: OrderPlacedPayload, key: orderId, partitions: 4 }
  InvoiceIssued: { schema: InvoiceIssuedPayload, key: orderId }
stores:
  ordersDb:
    kind: postgres
    tables:
      orders:
        columns:
          id: { type: text, primaryKey: true }
          total: { type: integer }
  billingDb:
    kind: postgres
    tables:
      invoices:
        columns:
          orderId: { type: text, primaryKey: true }
          amount: { type: integer }
      billingTotals:
        columns:
          id: { type: integer, primaryKey: true }
          total: { type: integer, default: 0 }
          count: { type: integer, default: 0 }
schemas:
  OrderPlacedPayload:
    type: object
    required: [orderId, total]
    additionalProperties: false
    properties:
      orderId: { type: string, minLength: 1 }
      total: { type: integer, minimum: 0 }
      lines: { type: array, items: { type: object, required: [sku], properties: { sku: { type: string } } } }
  InvoiceIssuedPayload:
    type: object
    required: [orderId, amount]
    properties:
      orderId: { type: string }
      amount: { type: integer }
`;

export const ORDER_TOPIC = "orders.order-placed";
export const ORDER_DLQ = "orders.order-placed.dlq";
export const INVOICE_TOPIC = "billing.invoice-issued";

export function busModel(): Model {
  const result = compileSpec(BUS_SPEC, "bus.yaml");
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (!result.model || errors.length > 0)
    throw new Error(`bus.yaml does not compile: ${errors.map((d) => d.message).join("; ")}`);
  return result.model;
}

export function order(total = 10): { orderId: string; total: number } {
  return { orderId: randomUUID(), total };
}

/** Collects delivered envelopes; `until` waits for a condition on them. */
export class Inbox {
  readonly received: EventEnvelope[] = [];

  readonly handler = async (envelope: EventEnvelope): Promise<void> => {
    this.received.push(envelope);
  };

  ids(): string[] {
    return this.received.map((e) => e.id);
  }

  until(condition: (received: readonly EventEnvelope[]) => boolean, timeoutMs = 10_000): Promise<void> {
    return waitUntil(
      () => condition(this.received),
      timeoutMs,
      () => `inbox has ${this.received.length} envelopes`,
    );
  }
}

/** Polls a condition every 5ms; rejects with the description after the timeout. */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs = 10_000,
  describe: () => string = () => "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
