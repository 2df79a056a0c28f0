import type { RequestHandler, Response } from "express";
import type { Auth } from "../../model/index.js";
import { HttpProblem } from "../service/problem.js";
import { unreachable } from "../service/unreachable.js";
import type { Identity, Verifier } from "./verify.js";

/**
 * The identity `authenticate` attached, if any.
 *
 * @example
 * const user = identityOf(res)?.sub;
 */
export function identityOf(res: Response): Identity | undefined {
  return (res.locals as { identity?: Identity }).identity;
}

/**
 * Enforces an endpoint's `auth`: `required` needs a valid bearer token (401 otherwise),
 * `role:<name>` also that role (403 otherwise). On `none` a valid token still identifies the
 * caller, an invalid one is ignored.
 *
 * @example
 * app.post("/orders", authenticate({ kind: "required" }, verify, "shop"), proxy);
 */
export function authenticate(auth: Auth, verify: Verifier | undefined, realm: string): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (auth.kind === "none") {
      if (token !== undefined && verify) {
        const result = await verify(token);
        if (result.kind === "valid") (res.locals as { identity?: Identity }).identity = result.identity;
      }
      next();
      return;
    }
    if (!verify) throw new HttpProblem(500, "Internal Server Error", "the gateway has no auth configuration");
    if (token === undefined) throw unauthorized(realm, "a bearer token is required");
    const result = await verify(token);
    if (result.kind === "invalid") throw unauthorized(realm, result.reason);
    checkRole(auth, result.identity);
    (res.locals as { identity?: Identity }).identity = result.identity;
    next();
  };
}

function checkRole(auth: Exclude<Auth, { kind: "none" }>, identity: Identity): void {
  switch (auth.kind) {
    case "required":
      return;
    case "role":
      if (!identity.roles.includes(auth.role))
        throw new HttpProblem(403, "Forbidden", `this operation needs the role "${auth.role}"`);
      return;
    default:
      unreachable(auth);
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

function unauthorized(realm: string, reason: string): HttpProblem {
  const quoted = reason.replaceAll('"', "'");
  return new HttpProblem(401, "Unauthorized", reason, {
    headers: { "www-authenticate": `Bearer realm="${realm}", error="invalid_token", error_description="${quoted}"` },
  });
}
