import type { Money } from "./generated/index.js";

/** Amounts are added in cents, so 0.1 + 0.2 is 0.30. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** A numeric column (a string such as "24.90") as a number. */
export function numeric(value: string | number): number {
  return Number(value);
}

/**
 * `"24.90 EUR"` as Money; undefined when the text is not an amount and a currency code.
 *
 * @example
 * parseMoney("24.90 EUR") // { amount: 24.9, currency: "EUR" }
 */
export function parseMoney(text: string | undefined): Money | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s+([A-Z]{3})\s*$/.exec(text ?? "");
  return match ? { amount: Number(match[1]), currency: match[2]! } : undefined;
}

/** The sum of quantity × unit price; every line must be in the same currency. */
export function totalOf(lines: readonly { readonly quantity: number; readonly unitPrice: Money }[]): Money | undefined {
  const currencies = new Set(lines.map((l) => l.unitPrice.currency));
  if (currencies.size !== 1) return undefined;
  const cents = lines.reduce((sum, l) => sum + l.quantity * toCents(l.unitPrice.amount), 0);
  return { amount: fromCents(cents), currency: [...currencies][0]! };
}
