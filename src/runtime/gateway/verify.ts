import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { GatewayAuth } from "../../model/index.js";

/** Who the caller is, from a verified token. */
export interface Identity {
  readonly sub: string;
  readonly roles: readonly string[];
}

/** The outcome of checking one bearer token. */
export type Verification =
  | { readonly kind: "valid"; readonly identity: Identity }
  | { readonly kind: "invalid"; readonly reason: string };

export type Verifier = (token: string) => Promise<Verification>;

/**
 * Checks signature, algorithm, issuer, audience and expiry with jose: against a shared secret
 * (HS256 by default) or, when the spec gives `jwksUrl`, the provider's published keys.
 *
 * @example
 * const verify = createVerifier(model.gateway.auth, process.env.JWT_SECRET);
 * const result = await verify(token); // { kind: "valid", identity: { sub, roles } }
 */
export function createVerifier(auth: GatewayAuth, secret: string | undefined): Verifier {
  const key = keyOf(auth, secret);
  const options = { issuer: auth.issuer, audience: auth.audience, algorithms: [...auth.algorithms] };
  return async (token) => {
    try {
      const { payload } =
        typeof key === "function" ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      if (typeof payload.sub !== "string" || payload.sub === "")
        return { kind: "invalid", reason: "the token has no subject" };
      return { kind: "valid", identity: { sub: payload.sub, roles: rolesOf(payload, auth.rolesClaim) } };
    } catch (error) {
      return { kind: "invalid", reason: reasonOf(error) };
    }
  };
}

function keyOf(auth: GatewayAuth, secret: string | undefined): Uint8Array | JWTVerifyGetKey {
  if (auth.jwksUrl !== undefined) return createRemoteJWKSet(new URL(auth.jwksUrl));
  if (secret === undefined || secret === "")
    throw new Error(`the gateway verifies JWTs with a shared secret: set ${auth.secretEnv}`);
  return new TextEncoder().encode(secret);
}

/**
 * The roles of a verified payload: the claim named by `rolesClaim` (a dotted path is followed),
 * as an array or a space- or comma-separated string.
 *
 * @example
 * rolesOf({ sub: "u1", roles: ["admin"] }, "roles") // ["admin"]
 */
export function rolesOf(payload: JWTPayload, rolesClaim: string): string[] {
  let value: unknown = payload;
  for (const part of rolesClaim.split("."))
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter((r) => r !== "");
  return [];
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not accepted";
  return "the token is malformed";
}
