import { randomBytes } from "node:crypto";

/** One request as a simulated external sees it: the path is relative to the external's base URL. */
export interface SimulatedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What a simulated external answers. */
export interface SimulatedResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A simulated external: one function from request to answer (it may keep state). */
export type Behaviour = (request: SimulatedRequest) => SimulatedResponse;

/**
 * An RFC 9457 problem answer, with a machine-readable `code` like card processors give.
 *
 * @example
 * problemAnswer(402, "card_declined", "the card was declined")
 */
export function problemAnswer(status: number, code: string, detail: string): SimulatedResponse {
  const title = TITLES[status] ?? "Error";
  return {
    status,
    body: { type: "about:blank", title, status, detail, code },
    headers: { "content-type": "application/problem+json" },
  };
}

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  402: "Payment Required",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * A new identifier with a readable prefix, like `ch_3f9a...`.
 *
 * @example
 * newId("msg") // "msg_9c1e0b7d4a2f6e83"
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}

/** The body as an object, or undefined when it is not one. */
export function objectBody(body: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/**
 * The names of required string fields that are missing or empty, as a 400 answer; undefined when all are there.
 *
 * @example
 * missingFields(body, ["to", "text"]) // { status: 400, ... "missing or empty: to" }
 */
export function missingFields(
  body: Readonly<Record<string, unknown>> | undefined,
  fields: readonly string[],
): SimulatedResponse | undefined {
  const missing = fields.filter((f) => typeof body?.[f] !== "string" || body[f] === "");
  if (missing.length === 0) return undefined;
  return problemAnswer(400, "invalid_request", `missing or empty: ${missing.join(", ")} (send a JSON object)`);
}
