import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { computeModel } from "../../model/computed/index.js";
import type { Endpoint, Model } from "../../model/index.js";
import { deriveWorkloadKey, GATEWAY_WORKLOAD } from "../identity/keys.js";
import { createIdentitySigner, IDENTITY_HEADER, IdentityError, type IdentitySigner } from "../identity/token.js";
import type { IdentityVerifier } from "../identity/verify.js";
import { HttpProblem } from "./problem.js";
import { scopeOf } from "./scope.js";

const RAW_BODY = Symbol("archkit.rawBody");

/** express.json's `verify`: keeps the bytes the JSON body was parsed from, for the signature's digest. */
export function keepRawBody(req: IncomingMessage, _res: unknown, body: Buffer): void {
  (req as IncomingMessage & { [RAW_BODY]?: Buffer })[RAW_BODY] = body;
}

/**
 * Who may call an endpoint: the gateway when it is public, and every service the spec declares
 * as calling it (from an endpoint or a consumer).
 *
 * @example
 * allowedCallers(model, payments.charge) // ["orders"]
 */
export function allowedCallers(model: Model, endpoint: Endpoint): readonly string[] {
  const callers = computeModel(model)
    .callersOf(endpoint.id)
    .map((c) => c.service as string);
  return [...new Set([...(endpoint.public ? [GATEWAY_WORKLOAD] : []), ...callers])].sort();
}

/**
 * Why a tool cannot send a request straight to an endpoint: nothing may call it.
 *
 * @example
 * nothingMayCall(notifications.listNotifications) // "nothing may call notifications.listNotifications: ..."
 */
export function nothingMayCall(endpoint: Endpoint): string {
  return `nothing may call ${endpoint.id}: it is not public and the spec declares no caller of it`;
}

/**
 * A signer for requests straight to an endpoint, as the workload the spec lets call it (the
 * gateway for a public endpoint, else its first declared caller), with its key derived from the
 * system's identity secret; undefined when nothing may call it. For tools that stand in for a
 * caller: the contract tests and `archkit sla`.
 *
 * @example
 * const signer = callerSigner(model, payments.charge, secret); // signs as orders
 */
export function callerSigner(model: Model, endpoint: Endpoint, secret: string): IdentitySigner | undefined {
  const caller = endpoint.public ? GATEWAY_WORKLOAD : allowedCallers(model, endpoint)[0];
  return caller === undefined ? undefined : createIdentitySigner(deriveWorkloadKey(secret, caller));
}

/**
 * Runs before the endpoint's handler: the request must carry a valid workload signature over its
 * method, path, body and this service (401 problem+json otherwise, whatever its headers say), by a
 * caller the spec declares for the endpoint (403 otherwise). The verified user, if any, becomes
 * the handler's `ctx.user`.
 *
 * @example
 * mount(app, "POST", "/payments", verifyCaller(model, charge, verifier), handler);
 */
export function verifyCaller(model: Model, endpoint: Endpoint, verifier: IdentityVerifier): RequestHandler {
  const allowed = allowedCallers(model, endpoint);
  return async (req, res, next) => {
    const header = req.headers[IDENTITY_HEADER];
    let verified: Awaited<ReturnType<IdentityVerifier["verify"]>>;
    try {
      verified = await verifier.verify(typeof header === "string" ? header : undefined, {
        audience: endpoint.service,
        method: req.method,
        path: req.originalUrl,
        body: (req as unknown as { [RAW_BODY]?: Buffer })[RAW_BODY],
      });
    } catch (error) {
      if (error instanceof IdentityError) throw new HttpProblem(401, "Unauthorized", error.message, { cause: error });
      throw error;
    }
    if (!allowed.includes(verified.caller))
      throw new HttpProblem(
        403,
        "Forbidden",
        `${verified.caller} may not call ${endpoint.id}; the spec declares as its callers: ${allowed.join(", ") || "none"}`,
      );
    scopeOf(res).identity = verified;
    next();
  };
}
