import { createClients, UpstreamError, type Clients } from "archkit/runtime";
import { model, type Money } from "./generated/index.js";

type GatewayClients = Clients<never, "paymentGateway">;

/** What the payment gateway said about a charge. */
export type ChargeOutcome = { readonly kind: "approved"; readonly providerRef: string } | { readonly kind: "declined"; readonly reason: string };

/**
 * `POST /charges` on the payment gateway with the amount in major units, the token and the
 * order as reference. The Idempotency-Key (order and token) makes a repeated charge of the same
 * order with the same token a replay, never a second charge. A 402 is a decline, and so is a 400
 * (the gateway refused the payment method); other failures are thrown.
 */
export async function chargeCard(clients: GatewayClients, orderId: string, amount: Money, token: string): Promise<ChargeOutcome> {
  try {
    const result = await clients.paymentGateway({
      path: "/charges",
      headers: { "idempotency-key": `charge:${orderId}:${token}` },
      body: { amount: amount.amount, currency: amount.currency, source: token, reference: orderId },
    });
    return { kind: "approved", providerRef: (result.body as { id: string }).id };
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
  return (result.body as { id: string }).id;
}

let consumerClients: GatewayClients | undefined;

/**
 * The gateway client for event consumers. Consumers receive the payload and the event context
 * only (no `deps`), so they build the declared clients themselves, from the same environment
 * variable the service's own clients read (`EXTERNAL_PAYMENT_GATEWAY_URL`).
 */
export function gatewayForConsumers(): GatewayClients {
  consumerClients ??= createClients<never, "paymentGateway">({ model, service: "payments" });
  return consumerClients;
}
