/**
 * An RFC 9457 problem, as every error answer of the gateway and the services carries it
 * (`application/problem+json`); `status` 0 for a call that got no answer.
 */
export interface ProblemDetails {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [member: string]: unknown;
}

/** An HTTP method an endpoint can have. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One answer of an endpoint: its status, whether that status is a success (2xx), the typed body
 * (`undefined` for an answer without one) and the response headers.
 *
 * @example
 * const answer: Answer<404, ProblemDetails> = { status: 404, ok: false, body: problem, headers };
 */
export interface Answer<S extends number, B> {
  readonly status: S;
  readonly ok: `${S}` extends `2${string}` ? true : false;
  readonly body: B;
  readonly headers: Headers;
}

/** A bearer token, or a function that returns the current one (called before every call that needs auth). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export interface ClientOptions {
  /** The gateway's base URL, e.g. `https://api.shop.example.com` or `http://localhost:3000`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` to the endpoints that need auth. */
  readonly token?: TokenSource;
  /** Headers sent with every call. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Give up on a call after this many milliseconds (default: wait as long as `fetch` does). */
  readonly timeoutMs?: number;
  /** The `fetch` to use (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch;
}

export interface CallOptions {
  /** Aborts the call. */
  readonly signal?: AbortSignal;
  /** Headers for this call only. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a generated method hands the transport. */
export interface Call {
  readonly method: Method;
  /** The path with its parameters filled in. */
  readonly path: string;
  /** Whether the endpoint needs a bearer token. */
  readonly auth: boolean;
  /** The statuses the endpoint's result type lists; any other answer is an ApiError. Absent: every status is an answer. */
  readonly statuses?: readonly number[];
  readonly query?: object;
  readonly headers?: object;
  readonly body?: unknown;
}

/**
 * A call that did not end in one of the endpoint's typed answers: an undeclared status (its
 * problem+json body in `problem`), no answer at all (`status` undefined: network error, timeout,
 * abort), or bad input caught before sending.
 *
 * @example
 * try { await client.orders.getOrder({ params: { orderId } }); }
 * catch (error) { if (error instanceof ApiError) console.log(error.status, error.problem.title); }
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number | undefined;
  readonly problem: ProblemDetails;

  constructor(status: number | undefined, problem: ProblemDetails, options?: { readonly cause?: unknown }) {
    super(problem.detail === undefined ? problem.title : `${problem.title}: ${problem.detail}`, options);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * A path parameter as it goes into the URL: percent-encoded, so a value may hold `/` or `%`.
 * An empty value is an ApiError, not a request to another path.
 */
export function segment(value: string | number, name: string): string {
  const text = String(value);
  if (text === "")
    throw new ApiError(undefined, {
      title: "Bad Request",
      status: 400,
      detail: `the path parameter "${name}" is empty`,
    });
  return encodeURIComponent(text);
}

/** Sends calls to the gateway with `fetch` and reads their answers; the generated clients share one. */
export class Transport {
  readonly #options: ClientOptions;
  readonly #base: string;

  constructor(options: ClientOptions) {
    if (typeof options.baseUrl !== "string" || !/^https?:\/\/[^/]/.test(options.baseUrl))
      throw new TypeError(`baseUrl must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
    this.#options = options;
    this.#base = options.baseUrl.replace(/\/+$/, "");
  }

  /** Sends the call; resolves with one of its typed answers, rejects with an ApiError otherwise. */
  async send<R>(call: Call, options: CallOptions = {}): Promise<R> {
    const headers = await this.#headers(call, options);
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    const url = `${this.#base}${call.path}${queryString(call.query)}`;
    const abort = abortSignal(options.signal, this.#options.timeoutMs);
    let response: Response;
    try {
      const fetchImpl = this.#options.fetch ?? globalThis.fetch;
      response = await fetchImpl(url, { method: call.method, headers, body, signal: abort.signal });
    } catch (error) {
      throw noAnswer(call, error, abort.timedOut());
    } finally {
      abort.done();
    }
    const read = await readBody(response);
    if (call.statuses !== undefined && !call.statuses.includes(response.status)) throw new ApiError(response.status, problemOf(response, read));
    return { status: response.status, ok: response.ok, body: read, headers: response.headers } as R;
  }

  async #headers(call: Call, options: CallOptions): Promise<Record<string, string>> {
    const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
    Object.assign(headers, this.#options.headers, stringValues(call.headers), options.headers);
    if (!call.auth) return headers;
    const source = this.#options.token;
    const token = typeof source === "function" ? await source() : source;
    if (token !== undefined && token !== "") headers.authorization = `Bearer ${token}`;
    return headers;
  }
}

function stringValues(values: object | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values ?? {}))
    if (value !== undefined && value !== null) out[name] = String(value);
  return out;
}

/** `?a=1&b=x&b=y`: undefined and null members left out, arrays as repeated names. */
function queryString(query: object | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined && item !== null) params.append(name, String(item));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

interface Abort {
  readonly signal: AbortSignal | undefined;
  timedOut(): boolean;
  done(): void;
}

function abortSignal(outer: AbortSignal | undefined, timeoutMs: number | undefined): Abort {
  if (timeoutMs === undefined) return { signal: outer, timedOut: () => false, done: () => undefined };
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, timeoutMs);
  const forward = () => controller.abort();
  if (outer?.aborted) controller.abort();
  outer?.addEventListener("abort", forward, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", forward);
    },
  };
}

function noAnswer(call: Call, error: unknown, timedOut: boolean): ApiError {
  const where = `${call.method} ${call.path}`;
  const aborted = (error as { name?: unknown }).name === "AbortError";
  const detail = timedOut
    ? `${where} got no answer in time`
    : aborted
      ? `${where} was aborted`
      : `${where} got no answer: ${error instanceof Error ? error.message : String(error)}`;
  return new ApiError(undefined, { title: timedOut ? "Timeout" : "No answer", status: 0, detail }, { cause: error });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (!/[/+]json\b/.test(type)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function problemOf(response: Response, body: unknown): ProblemDetails {
  const candidate = body as Partial<ProblemDetails> | undefined;
  if (candidate !== null && typeof candidate === "object" && typeof candidate.title === "string")
    return { ...candidate, title: candidate.title, status: response.status };
  const detail = typeof body === "string" && body !== "" ? { detail: body.slice(0, 500) } : {};
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status, ...detail };
}
