import { STATUS_CODES } from "node:http";
import { request, type Dispatcher } from "undici";
import type { FieldError } from "../service/problem.js";
import { unreachable } from "../service/unreachable.js";
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
  readonly answers: Answers;
}

/**
 * Which statuses come back as a result: a service endpoint's declared answers below 500
 * (`computed.answersOf`), or, for an external, every status below 400.
 */
export type Answers =
  | { readonly kind: "declared"; readonly statuses: ReadonlySet<number> }
  | { readonly kind: "below-400" };

/** undici's code for a request it refuses to send (an invalid header or body), before any connection. */
const UNSENDABLE = "UND_ERR_INVALID_ARG";

/**
 * Sends one request and reads the whole answer. A status `answers` lists is the result; a 5xx
 * becomes an `UpstreamError` with the provider's status and problem details, any other status a
 * 502 `undeclared` one (an external's 4xx keeps its status); no answer within `timeoutMs` a 504;
 * no connection a 502; a request undici refuses to send (a header with control characters) a 500
 * `unsendable`, the caller's own fault, neither retried nor counted against the provider.
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
    const status = response.statusCode;
    if (isAnswer(spec.answers, status)) return { status, body, headers: response.headers };
    throw status >= 500 || spec.answers.kind === "below-400"
      ? providerError(spec.call, status, body)
      : undeclaredError(spec.call, status, body, spec.answers.statuses);
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
    if (code === UNSENDABLE) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UpstreamError(
        spec.call,
        { kind: "unsendable", reason },
        "Internal Server Error",
        `the call to ${spec.call} could not be sent: ${reason}`,
        undefined,
        error,
      );
    }
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

function isAnswer(answers: Answers, status: number): boolean {
  switch (answers.kind) {
    case "declared":
      return answers.statuses.has(status);
    case "below-400":
      return status < 400;
    default:
      return unreachable(answers);
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

interface ProblemParts {
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: FieldError[];
}

function problemParts(body: unknown): ProblemParts {
  const problem =
    typeof body === "object" && body !== null ? (body as { title?: unknown; detail?: unknown; errors?: unknown }) : {};
  return {
    title: typeof problem.title === "string" ? problem.title : undefined,
    detail: typeof problem.detail === "string" ? problem.detail : undefined,
    errors: Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : undefined,
  };
}

function providerError(call: string, status: number, body: unknown): UpstreamError {
  const { title, detail, errors } = problemParts(body);
  return new UpstreamError(
    call,
    { kind: "status", status },
    title ?? STATUS_CODES[status] ?? "Error",
    detail ?? `${call} answered ${status}`,
    errors,
  );
}

function undeclaredError(call: string, status: number, body: unknown, declared: ReadonlySet<number>): UpstreamError {
  const { detail } = problemParts(body);
  const list = [...declared].join(", ") || "none below 500";
  const said = detail === undefined ? "" : `: ${detail}`;
  return new UpstreamError(
    call,
    { kind: "undeclared", status, declared: [...declared] },
    "Bad Gateway",
    `${call} answered ${status}, a status its spec does not declare (declared: ${list})${said}`,
  );
}

function errorCode(error: unknown): string {
  const seen = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = seen?.code ?? seen?.cause?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.name : "unknown error";
}
