import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Endpoint, Model } from "archkit/model";
import { callerSigner, IDENTITY_HEADER, IDENTITY_SECRET_ENV, issueToken, nothingMayCall, urlVariable, type SignedRequest } from "archkit/runtime";
import type { LocalSystem } from "./local.js";
import { urlOf, type SampleRequest, type TestContext } from "./model.js";

/** What the tests talk to: the services started here, or a running system (`ARCHKIT_BASE_URL`). */
export interface Target {
  readonly model: Model;
  readonly gatewayUrl?: string;
  serviceUrl(id: string): string | undefined;
  /** The gateway's signing secret, when known. */
  readonly secret?: string;
  /** What the workloads' keys derive from, when known: requests straight to a service are signed as its declared caller. */
  readonly identitySecret?: string;
  /** Set when the services run in this process. */
  readonly local?: LocalSystem;
}

/** How a request authenticates: as the endpoint asks, not at all, or with a role it does not accept. */
export type Credentials = "valid" | "none" | "wrong-role";

/** One answer, as the test received it. */
export interface Reply {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
  readonly correlationId: string;
}

let sequence = 0;
const SUBJECT = randomUUID();

/** A role no endpoint asks for, for the 403 checks. */
export const OTHER_ROLE = "archkit-contract-tests";

/**
 * Sends a request to an endpoint: public endpoints through the gateway (with a bearer token signed
 * like the gateway expects), internal ones straight to their service (with the identity headers
 * the gateway would add). Skips the test, saying why, when the target cannot be reached or no
 * token can be signed.
 */
export async function send(ctx: TestContext, target: Target, endpoint: Endpoint, request: SampleRequest, credentials: Credentials): Promise<Reply> {
  const viaGateway = endpoint.public && target.gatewayUrl !== undefined;
  const base = viaGateway ? target.gatewayUrl : target.serviceUrl(endpoint.service);
  if (base === undefined) ctx.skip(`${endpoint.id} is internal: set ${urlVariable("service", endpoint.service)} to its service's URL to check it`);
  const correlationId = `contract-${process.pid}-${++sequence}`;
  const headers: Record<string, string> = { accept: "application/json", "x-request-id": correlationId, ...request.headers };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const roles = rolesFor(endpoint, credentials);
  if (roles !== undefined && credentials !== "none") {
    const user = request.user ?? SUBJECT;
    if (viaGateway) headers.authorization = `Bearer ${await token(ctx, target, user, roles)}`;
    else Object.assign(headers, { "x-user-id": user, "x-user-roles": roles.join(",") });
  }
  const url = urlOf(base, endpoint, request);
  if (!viaGateway && target.identitySecret !== undefined) {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const user = roles !== undefined && credentials !== "none" ? { id: request.user ?? SUBJECT, roles } : undefined;
    headers[IDENTITY_HEADER] = signAsCaller(ctx, target.model, endpoint, target.identitySecret, { method: endpoint.method, path: pathOf(url), body, user });
  }
  const response = await fetch(url, { method: endpoint.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) });
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  return { method: endpoint.method, url, status: response.status, contentType, body: parse(text, contentType), correlationId };
}

/** Signs as the workload the spec lets call the endpoint (the gateway for a public one); skips when nothing may call it. */
function signAsCaller(ctx: TestContext, model: Model, endpoint: Endpoint, secret: string, request: Omit<SignedRequest, "audience">): string {
  const signer = callerSigner(model, endpoint, secret) ?? ctx.skip(nothingMayCall(endpoint));
  return signer.sign({ ...request, audience: endpoint.service });
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function rolesFor(endpoint: Endpoint, credentials: Credentials): string[] | undefined {
  switch (endpoint.auth.kind) {
    case "none":
      return undefined;
    case "required":
      return [];
    case "role":
      return credentials === "wrong-role" ? [OTHER_ROLE] : [endpoint.auth.role];
    default: {
      const unknown: never = endpoint.auth;
      throw new Error(`unknown auth ${JSON.stringify(unknown)}`);
    }
  }
}

async function token(ctx: TestContext, target: Target, sub: string, roles: readonly string[]): Promise<string> {
  const auth = target.model.gateway?.auth;
  if (!auth) ctx.skip("the spec's gateway declares no auth, so no token can be signed");
  if (target.secret === undefined || target.secret === "") ctx.skip(`needs a token: set ${auth.secretEnv} to the gateway's secret`);
  if (!auth.algorithms.some((a) => a.startsWith("HS"))) ctx.skip(`the gateway accepts only ${auth.algorithms.join(", ")} tokens, which the tests cannot sign`);
  const { accessToken } = await issueToken({ sub, roles }, { auth, secret: target.secret });
  return accessToken;
}

function parse(text: string, contentType: string): unknown {
  if (text === "") return undefined;
  if (!/json/i.test(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The running system named by `ARCHKIT_BASE_URL` (the gateway); internal endpoints are reached
 * through `<SERVICE>_URL`, tokens are signed with the gateway's secret variable, or when it is
 * unset with `.archkit/dev-secret`, the secret `archkit dev` and `archkit token` use.
 */
export function remoteTarget(model: Model, baseUrl: string): Target {
  const secretEnv = model.gateway?.auth?.secretEnv;
  return {
    model,
    gatewayUrl: baseUrl.replace(/\/+$/, ""),
    serviceUrl: (id) => process.env[urlVariable("service", id)],
    secret: secretEnv === undefined ? undefined : process.env[secretEnv] || devSecret(),
    identitySecret: process.env[IDENTITY_SECRET_ENV] || devSecret(),
  };
}

function devSecret(): string | undefined {
  try {
    return readFileSync(".archkit/dev-secret", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

export function localTarget(model: Model, local: LocalSystem): Target {
  return { model, gatewayUrl: local.gatewayUrl, serviceUrl: (id) => local.serviceUrls.get(id), secret: local.secret, identitySecret: local.identitySecret, local };
}
