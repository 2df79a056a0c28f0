import { createPublicKey, type JsonWebKey, type KeyObject, verify } from "node:crypto";
import { bodyDigest, type TrustedKeys } from "./keys.js";
import {
  IDENTITY_HEADER,
  IDENTITY_TTL_SECONDS,
  IDENTITY_TYPE,
  type IdentityClaims,
  IdentityError,
  type SignedRequest,
  type VerifiedIdentity,
} from "./token.js";

/** Seconds of clock difference between workloads that a signature's times tolerate. */
const CLOCK_SKEW_SECONDS = 5;

export interface IdentityVerifier {
  /** Throws an IdentityError unless `token` is a valid signature of `request` by a trusted workload. */
  verify(token: string | undefined, request: SignedRequest): Promise<VerifiedIdentity>;
}

/**
 * Verifies workload signatures against the trusted public keys: a compact EdDSA JWS of type
 * `archkit-identity+jwt`, by the key its `kid` names, issued by that key's owner for this service,
 * not expired (5 s of clock skew), and for the request's method, path and body. Node's Ed25519,
 * synchronous: this runs before every handler, and jose's general JWT path costs about five times
 * as much per request.
 *
 * @example
 * const verifier = createIdentityVerifier(JSON.parse(process.env.ARCHKIT_IDENTITY_JWKS!));
 * const { caller, user } = await verifier.verify(req.headers[IDENTITY_HEADER], { audience: "payments", method, path, body });
 */
export function createIdentityVerifier(trusted: TrustedKeys): IdentityVerifier {
  const keys = new Map<string, KeyObject>(
    trusted.keys.map((k) => [k.kid, createPublicKey({ key: { ...k, d: undefined } as JsonWebKey, format: "jwk" })]),
  );
  return {
    async verify(token, request) {
      if (!token) throw new IdentityError(`no ${IDENTITY_HEADER} header: the request is not signed by a workload`);
      const { kid, claims } = verifiedParts(token, keys);
      checkTimes(claims);
      if (claims.aud !== request.audience) throw invalid(`it is for ${String(claims.aud)}, not ${request.audience}`);
      return checkClaims(claims, kid, request);
    },
  };
}

function verifiedParts(token: string, keys: ReadonlyMap<string, KeyObject>): { kid: string; claims: IdentityClaims } {
  const parts = token.split(".");
  if (parts.length !== 3) throw invalid("it is not a compact JWS");
  const [header, payload, signature] = parts as [string, string, string];
  const protectedHeader = decode(header) as { alg?: unknown; typ?: unknown; kid?: unknown } | undefined;
  if (protectedHeader?.alg !== "EdDSA" || protectedHeader.typ !== IDENTITY_TYPE)
    throw invalid(`it is not an EdDSA ${IDENTITY_TYPE}`);
  const kid = String(protectedHeader.kid);
  const key = keys.get(kid);
  if (!key) throw invalid("it is signed by a key no workload of this system holds");
  if (!verify(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url")))
    throw invalid("the signature does not match");
  const claims = decode(payload);
  if (typeof claims !== "object" || claims === null) throw invalid("its payload is not a JSON object");
  return { kid, claims: claims as IdentityClaims };
}

function checkTimes(claims: IdentityClaims): void {
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== "number" || typeof exp !== "number") throw invalid("it carries no iat and exp");
  if (exp + CLOCK_SKEW_SECONDS < now) throw invalid("it has expired");
  if (iat - CLOCK_SKEW_SECONDS > now) throw invalid("it was issued in the future");
  if (exp - iat > IDENTITY_TTL_SECONDS) throw invalid(`it is valid for more than ${IDENTITY_TTL_SECONDS} seconds`);
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function invalid(reason: string): IdentityError {
  return new IdentityError(`the ${IDENTITY_HEADER} signature is not valid: ${reason}`);
}

/** The claims of a signature whose signature and times are checked: issuer, method, path and body must be those of the request. */
function checkClaims(payload: IdentityClaims, kid: string | undefined, request: SignedRequest): VerifiedIdentity {
  if (typeof payload.iss !== "string" || payload.iss !== kid)
    throw new IdentityError(`the signature's issuer ${String(payload.iss)} is not the owner of key ${String(kid)}`);
  if (payload.htm !== request.method.toUpperCase())
    throw new IdentityError(`the signature is for ${String(payload.htm)}, not ${request.method}`);
  if (payload.htu !== request.path)
    throw new IdentityError(`the signature is for ${String(payload.htu)}, not ${request.path}`);
  if (payload.bdh !== bodyDigest(request.body)) throw new IdentityError("the body is not the one that was signed");
  const roles = payload.roles;
  const user =
    typeof payload.sub === "string"
      ? { id: payload.sub, roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [] }
      : undefined;
  return { caller: payload.iss, ...(user ? { user } : {}) };
}
