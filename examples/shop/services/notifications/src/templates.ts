import type { Money, OrderLine } from "./generated/index.js";

/** What one message says; `template` names it in the notification log. */
export interface Message {
  readonly template: string;
  readonly subject: string;
  readonly text: string;
}

function shortId(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

function money(value: Money): string {
  return `${value.amount.toFixed(2)} ${value.currency}`;
}

export function welcome(name: string): Message {
  return { template: "welcome", subject: "Welcome to the shop", text: `Hello ${name},\n\nyour account is ready. Happy shopping!` };
}

export function orderConfirmation(name: string, orderId: string, items: readonly OrderLine[], total: Money): Message {
  const units = items.reduce((sum, line) => sum + line.quantity, 0);
  return {
    template: "order-confirmation",
    subject: `Order ${shortId(orderId)} confirmed`,
    text: `Hello ${name},\n\nthank you for your order ${orderId}: ${units} item${units === 1 ? "" : "s"}, ${money(total)} paid. We will tell you when it ships.`,
  };
}

export function orderConfirmationSms(orderId: string, total: Money): Message {
  return { template: "order-confirmation-sms", subject: "", text: `Shop: order ${shortId(orderId)} confirmed, ${money(total)} paid.` };
}

export function cancellation(name: string, orderId: string, reason: string): Message {
  return { template: "order-cancelled", subject: `Order ${shortId(orderId)} cancelled`, text: `Hello ${name},\n\nyour order ${orderId} was cancelled: ${reason}. Any payment is refunded.` };
}

export function shipping(name: string, orderId: string, carrier: string, trackingNumber: string): Message {
  return { template: "order-shipped", subject: `Order ${shortId(orderId)} shipped`, text: `Hello ${name},\n\nyour order ${orderId} is on its way with ${carrier}, tracking number ${trackingNumber}.` };
}

export function shippingSms(orderId: string, carrier: string, trackingNumber: string): Message {
  return { template: "order-shipped-sms", subject: "", text: `Shop: order ${shortId(orderId)} shipped with ${carrier} (${trackingNumber}).` };
}

export function paymentFailed(name: string, orderId: string, reason: string): Message {
  return { template: "payment-failed", subject: `Payment for order ${shortId(orderId)} failed`, text: `Hello ${name},\n\nwe could not take the payment for order ${orderId}: ${reason}. Nothing was charged.` };
}

export function refund(name: string, orderId: string, amount: Money): Message {
  return { template: "refund", subject: `Refund for order ${shortId(orderId)}`, text: `Hello ${name},\n\nwe refunded ${money(amount)} for order ${orderId}.` };
}

export function lowStock(productId: string, sku: string | undefined, available: number, threshold: number): Message {
  const what = sku ?? productId;
  return { template: "low-stock", subject: `Low stock: ${what}`, text: `${what} (product ${productId}) has ${available} unit${available === 1 ? "" : "s"} left; the threshold is ${threshold}.` };
}
