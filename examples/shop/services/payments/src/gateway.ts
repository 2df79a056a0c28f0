import { createHash } from "node:crypto";
import { HttpProblem, UpstreamError } from "archkit/runtime";
import type { Deps, Money } from "./generated/index.js";

/** The declared calls of every payments handler: the payment gateway. */
type GatewayClients = Deps["clients"];

/** What the payment gateway said about a charge. */
export type ChargeOutcome = { readonly kind: "approved"; readonly providerRef: string } | { readonly kind: "declined"; readonly reason: string };

/**
 * `POST /charges` on the payment gateway with the amount in major units, the token and the
 * order as reference. The Idempotency-Key (order and a digest of the token, so whatever the token
 * holds the header is valid and the token is not repeated in it) makes a repeated charge of the
 * same order with the same token a replay, never a second charge. A 402 is a decline, and so is a 400
 * (the gateway refused the payment method); other failures are thrown.
 */
export async function chargeCard(clients: GatewayClients, orderId: string, amount: Money, token: string): Promise<ChargeOutcome> {
  try {
    const result = await clients.paymentGateway({
      path: "/charges",
      headers: { "idempotency-key": `charge:${orderId}:${createHash("sha256").update(token).digest("base64url")}` },
      body: { amount: amount.amount, currency: amount.currency, source: token, reference: orderId },
    });
    return { kind: "approved", providerRef: idOf(result.body, "charge") };
  } catch (error) {
    if (error instanceof UpstreamError && (error.status === 402 || error.status === 400)) return { kind: "declined", reason: error.detail ?? error.title };
    throw error;
  }
}

/** `POST /refunds` of a whole charge; idempotent per payment. Returns the gateway's refund id. */
export async function refundCharge(clients: GatewayClients, paymentId: string, providerRef: string, amount: Money): Promise<string> {
  const result = await clients.paymentGateway({
    path: "/refunds",
    headers: { "idempotency-key": `refund:${paymentId}` },
    body: { charge: providerRef, amount: amount.amount },
  });
  return idOf(result.body, "refund");
}

/** The `id` the gateway answers a charge or refund with (the spec has no schema for an external); a 502 when it is missing. */
function idOf(body: unknown, what: "charge" | "refund"): string {
  const id = typeof body === "object" && body !== null && "id" in body ? body.id : undefined;
  if (typeof id !== "string") throw new HttpProblem(502, "Bad Gateway", `the payment gateway answered a ${what} without an id`);
  return id;
}
