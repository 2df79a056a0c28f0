import type { IncomingHttpHeaders } from "node:http";
import { pipeline } from "node:stream/promises";
import type { Request, RequestHandler } from "express";
import { request, type Dispatcher } from "undici";
import { CORRELATION_HEADER } from "../observability/correlation.js";
import { HttpProblem } from "../service/problem.js";
import { scopeOf } from "../service/scope.js";
import { IDENTITY_HEADER, type IdentitySigner } from "../identity/token.js";
import { identityOf } from "./auth.js";
import { signedBody } from "./signed-body.js";
import type { Identity } from "./verify.js";

/** Connection-level headers (RFC 9110 section 7.6.1) and what the gateway sets itself. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
]);
/** Identity headers only the gateway may set; a caller's own are dropped. */
const GATEWAY_ONLY = new Set(["x-user-id", "x-user-roles", IDENTITY_HEADER, CORRELATION_HEADER]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);
/**
 * A kept-alive connection the service closed as the request went out (a service restarting, a
 * rolling update): nothing was answered, so a request without a body and with a safe method is
 * sent once more, on a new connection.
 */
const STALE_CONNECTION_CODES = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface ProxyTarget {
  /** The service's base URL. */
  readonly baseUrl: string;
  readonly service: string;
  readonly timeoutMs: number;
  readonly dispatcher: Dispatcher;
  /** Signs each forwarded request as the gateway, for the verified user; the body is then read first. */
  readonly signer?: IdentitySigner;
}

/**
 * Forwards the request to its service with undici, streaming both bodies, with the correlation id,
 * `x-forwarded-*` and the verified identity (`x-user-id`, `x-user-roles`). No answer in time is
 * a 504, no connection a 502, both problem+json.
 *
 * @example
 * app.get("/orders/:orderId", authenticate(auth, verify, "shop"), proxyTo({ baseUrl, service: "orders", timeoutMs: 5000, dispatcher }));
 */
export function proxyTo(target: ProxyTarget): RequestHandler {
  return async (req, res) => {
    const scope = scopeOf(res);
    const identity = identityOf(res);
    const headers = upstreamHeaders(req, scope.correlationId, identity);
    const body = target.signer ? await signRequest(target.signer, target.service, req, headers, identity) : undefined;
    const upstream = await send(target, req, headers, body);
    res.statusCode = upstream.statusCode;
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
    }
    await pipeline(upstream.body, res);
  };
}

/** Sends the request; the timeout covers waiting for the answer's headers (undici's own timers are coarse, about 1 s). */
async function send(
  target: ProxyTarget,
  req: Request,
  headers: Record<string, string | string[]>,
  read: Buffer | undefined,
): Promise<Dispatcher.ResponseData> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), target.timeoutMs);
  const once = () =>
    request(`${target.baseUrl}${req.originalUrl}`, {
      method: req.method as Dispatcher.HttpMethod,
      headers,
      body: read ?? (hasBody(req) ? req : undefined),
      dispatcher: target.dispatcher,
      signal: controller.signal,
      bodyTimeout: target.timeoutMs,
    });
  try {
    try {
      return await once();
    } catch (error) {
      if (controller.signal.aborted || !sendAgain(req, error)) throw error;
      return await once();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (controller.signal.aborted || (typeof code === "string" && TIMEOUT_CODES.has(code))) {
      throw new HttpProblem(504, "Gateway Timeout", `${target.service} did not answer within ${target.timeoutMs}ms`, {
        cause: error,
      });
    }
    throw new HttpProblem(502, "Bad Gateway", `${target.service} is unreachable`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function sendAgain(req: Request, error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && STALE_CONNECTION_CODES.has(code) && SAFE_METHODS.has(req.method) && !hasBody(req);
}

function upstreamHeaders(
  req: Request,
  correlationId: string,
  identity: Identity | undefined,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers as IncomingHttpHeaders)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !GATEWAY_ONLY.has(name)) headers[name] = value;
  }
  headers[CORRELATION_HEADER] = correlationId;
  const forwardedFor = req.headers["x-forwarded-for"];
  const client = req.socket.remoteAddress ?? "";
  headers["x-forwarded-for"] =
    typeof forwardedFor === "string" && forwardedFor !== "" ? `${forwardedFor}, ${client}` : client;
  headers["x-forwarded-proto"] = req.protocol;
  if (req.headers.host !== undefined) headers["x-forwarded-host"] = req.headers.host;
  if (identity) {
    headers["x-user-id"] = identity.sub;
    headers["x-user-roles"] = identity.roles.join(",");
  }
  return headers;
}

function hasBody(req: Request): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/**
 * Reads the body (what the service will parse, content encoding undone, for the digest) and adds
 * the gateway's signature over method, path, body and service, with the verified user.
 */
async function signRequest(
  signer: IdentitySigner,
  service: string,
  req: Request,
  headers: Record<string, string | string[]>,
  identity: Identity | undefined,
): Promise<Buffer | undefined> {
  const body = hasBody(req) ? await signedBody(req) : undefined;
  headers[IDENTITY_HEADER] = signer.sign({
    audience: service,
    method: req.method,
    path: req.originalUrl,
    body: body?.digested,
    user: identity ? { id: identity.sub, roles: identity.roles } : undefined,
  });
  return body?.raw;
}
