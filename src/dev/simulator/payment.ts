import { matchPath } from "../../model/path-template.js";
import {
  missingFields,
  newId,
  objectBody,
  problemAnswer,
  type Behaviour,
  type SimulatedRequest,
  type SimulatedResponse,
} from "./protocol.js";

/** A test token's outcome: anything not listed here (and starting with `tok_`) is approved. */
export interface TestTokenOutcome {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
}

/** Tokens that fail on purpose, like card processors' test cards. */
export const TEST_TOKENS: Readonly<Record<string, TestTokenOutcome>> = {
  tok_declined: { status: 402, code: "card_declined", detail: "the card was declined" },
  tok_insufficient_funds: { status: 402, code: "insufficient_funds", detail: "the card has insufficient funds" },
  tok_expired_card: { status: 402, code: "expired_card", detail: "the card has expired" },
  tok_processing_error: {
    status: 503,
    code: "processing_error",
    detail: "the processor is temporarily unavailable; try again",
  },
};

interface Charge {
  readonly id: string;
  readonly status: "succeeded";
  readonly amount: number;
  readonly currency: string;
  readonly source: string;
  readonly reference?: string;
  refunded: number;
}

interface Remembered {
  readonly fingerprint: string;
  readonly response: SimulatedResponse;
}

/**
 * A card payment gateway: `POST /charges` approves any `tok_*` token except the failing
 * `TEST_TOKENS`, `GET /charges/{id}` reads a charge, `POST /refunds` refunds all or part of one.
 * A repeated `Idempotency-Key` with the same body replays the first answer; with another body it is a 409.
 *
 * @example
 * const gateway = paymentGateway();
 * gateway({ method: "POST", path: "/charges", query: {}, headers: {}, body: { amount: 12.5, currency: "EUR", source: "tok_visa" } }).status // 201
 */
export function paymentGateway(): Behaviour {
  const charges = new Map<string, Charge>();
  const keys = new Map<string, Remembered>();
  const route = (request: SimulatedRequest): SimulatedResponse => {
    const charged = matchPath("/charges/{id}", request.path);
    if (request.method === "POST" && request.path === "/charges") return charge(charges, request.body);
    if (request.method === "GET" && charged?.id) return readCharge(charges, charged.id);
    if (request.method === "POST" && request.path === "/refunds") return refund(charges, request.body);
    return problemAnswer(
      404,
      "not_found",
      `no route ${request.method} ${request.path}; the gateway answers POST /charges, GET /charges/{id}, POST /refunds`,
    );
  };
  return (request) => {
    const key = request.headers["idempotency-key"];
    if (key === undefined || request.method !== "POST") return route(request);
    const fingerprint = `${request.path} ${JSON.stringify(request.body ?? null)}`;
    const seen = keys.get(key);
    if (seen && seen.fingerprint !== fingerprint)
      return problemAnswer(409, "idempotency_key_reused", `Idempotency-Key ${key} was used with other parameters`);
    if (seen) return { ...seen.response, headers: { ...seen.response.headers, "idempotent-replayed": "true" } };
    const response = route(request);
    if (response.status < 500) keys.set(key, { fingerprint, response });
    return response;
  };
}

function charge(charges: Map<string, Charge>, raw: unknown): SimulatedResponse {
  const body = objectBody(raw);
  const invalid = missingFields(body, ["currency", "source"]) ?? amountProblem(body?.amount);
  if (invalid) return invalid;
  const source = body!.source as string;
  if (!/^[A-Z]{3}$/.test(body!.currency as string))
    return problemAnswer(400, "invalid_currency", "currency must be an ISO 4217 code such as EUR");
  if (!source.startsWith("tok_"))
    return problemAnswer(400, "invalid_source", "source must be a payment token (tok_...), never card data");
  const failure = TEST_TOKENS[source];
  if (failure) return problemAnswer(failure.status, failure.code, failure.detail);
  const reference = typeof body!.reference === "string" ? body!.reference : undefined;
  const created: Charge = {
    id: newId("ch"),
    status: "succeeded",
    amount: body!.amount as number,
    currency: body!.currency as string,
    source,
    reference,
    refunded: 0,
  };
  charges.set(created.id, created);
  return { status: 201, body: { ...created } };
}

function readCharge(charges: ReadonlyMap<string, Charge>, id: string): SimulatedResponse {
  const found = charges.get(id);
  return found ? { status: 200, body: { ...found } } : problemAnswer(404, "no_such_charge", `no charge ${id}`);
}

function refund(charges: Map<string, Charge>, raw: unknown): SimulatedResponse {
  const body = objectBody(raw);
  const invalid = missingFields(body, ["charge"]);
  if (invalid) return invalid;
  const found = charges.get(body!.charge as string);
  if (!found) return problemAnswer(404, "no_such_charge", `no charge ${String(body!.charge)}`);
  const left = round(found.amount - found.refunded);
  const amount = body!.amount === undefined ? left : (body!.amount as number);
  const bad = amountProblem(amount);
  if (bad) return bad;
  if (amount > left)
    return problemAnswer(
      409,
      "refund_exceeds_charge",
      `charge ${found.id} has ${left} ${found.currency} left to refund, not ${amount}`,
    );
  found.refunded = round(found.refunded + amount);
  return {
    status: 201,
    body: { id: newId("re"), status: "succeeded", charge: found.id, amount, currency: found.currency },
  };
}

function amountProblem(amount: unknown): SimulatedResponse | undefined {
  if (typeof amount === "number" && Number.isFinite(amount) && amount > 0) return undefined;
  return problemAnswer(400, "invalid_amount", "amount must be a positive number in major units (12.5 for 12.50)");
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
