import { STATUS_CODES } from "node:http";
import { request, type Dispatcher } from "undici";
import type { FieldError } from "../service/problem.js";
import { UpstreamError } from "./failure.js";
import type { CallResult, HttpMethod } from "./types.js";

/** One HTTP exchange, fully described. */
export interface AttemptSpec {
  /** The call name, for error messages. */
  readonly call: string;
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly dispatcher: Dispatcher;
}

/**
 * Sends one request and reads the whole answer. A 4xx or 5xx becomes an `UpstreamError` with the
 * provider's status and problem details; no answer within `timeoutMs` a 504; no connection a 502.
 *
 * @example
 * const result = await attempt({ call: "products.getProduct", method: "GET", url, headers: {}, timeoutMs: 500, dispatcher });
 */
export async function attempt(spec: AttemptSpec): Promise<CallResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), spec.timeoutMs);
  try {
    const response = await request(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      dispatcher: spec.dispatcher,
      signal: controller.signal,
    });
    const text = await response.body.text();
    const body = parseBody(text, response.headers["content-type"]);
    if (response.statusCode >= 400) throw providerError(spec.call, response.statusCode, body);
    return { status: response.statusCode, body, headers: response.headers };
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (controller.signal.aborted) {
      throw new UpstreamError(
        spec.call,
        { kind: "timeout", timeoutMs: spec.timeoutMs },
        "Gateway Timeout",
        `${spec.call} did not answer within ${spec.timeoutMs}ms`,
        undefined,
        error,
      );
    }
    const code = errorCode(error);
    throw new UpstreamError(
      spec.call,
      { kind: "network", code },
      "Bad Gateway",
      `${spec.call} is unreachable (${code})`,
      undefined,
      error,
    );
  } finally {
    clearTimeout(timer);
  }
}

function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (text === "") return undefined;
  const type = Array.isArray(contentType) ? contentType.join(",") : (contentType ?? "");
  if (!type.includes("json")) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function providerError(call: string, status: number, body: unknown): UpstreamError {
  const problem =
    typeof body === "object" && body !== null ? (body as { title?: unknown; detail?: unknown; errors?: unknown }) : {};
  const title = typeof problem.title === "string" ? problem.title : (STATUS_CODES[status] ?? "Error");
  const detail = typeof problem.detail === "string" ? problem.detail : `${call} answered ${status}`;
  const errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : undefined;
  return new UpstreamError(call, { kind: "status", status }, title, detail, errors);
}

function errorCode(error: unknown): string {
  const seen = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = seen?.code ?? seen?.cause?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.name : "unknown error";
}
