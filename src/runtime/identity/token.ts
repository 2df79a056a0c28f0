import { createPrivateKey, type JsonWebKey, type KeyObject, randomUUID, sign } from "node:crypto";
import { ArchkitError } from "../../model/errors.js";
import { bodyDigest, type WorkloadJwk } from "./keys.js";

/** The header a signed request carries its workload identity in. */
export const IDENTITY_HEADER = "x-archkit-identity";

/** The JWS `typ` of a workload identity, so no other token of the system passes for one. */
export const IDENTITY_TYPE = "archkit-identity+jwt";

/** How long a signature holds: a request is sent within seconds of being signed. */
export const IDENTITY_TTL_SECONDS = 60;

/** The user a request acts for: who the gateway verified, passed on by each caller. */
export interface SignedUser {
  readonly id: string;
  readonly roles: readonly string[];
}

/** What one signature covers. */
export interface SignedRequest {
  /** The service called. */
  readonly audience: string;
  readonly method: string;
  /** Path and query string, as sent. */
  readonly path: string;
  /** The body bytes the handler reads; none for a request without a body. */
  readonly body?: Uint8Array | string;
  readonly user?: SignedUser;
}

/** What a signature says (a JWT's payload). */
export interface IdentityClaims {
  readonly iss?: unknown;
  readonly aud?: unknown;
  readonly iat?: unknown;
  readonly exp?: unknown;
  readonly htm?: unknown;
  readonly htu?: unknown;
  readonly bdh?: unknown;
  readonly sub?: unknown;
  readonly roles?: unknown;
}

/** Who signed a verified request, and the user it acts for. */
export interface VerifiedIdentity {
  readonly caller: string;
  readonly user?: SignedUser;
}

/**
 * A request without a valid workload signature: missing, malformed, expired, signed by a key
 * the service does not trust, or for another method, path, body or service. The message says which.
 */
export class IdentityError extends ArchkitError {
  override readonly name = "IdentityError";
  constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(message, { ...options, code: "identity" });
  }
}

export interface IdentitySigner {
  readonly workload: string;
  /** Synchronous, so a load generator can sign each request as it builds it. */
  sign(request: SignedRequest): string;
}

/**
 * Signs requests as one workload: a compact EdDSA JWS (a JWT) over method, path, body digest and
 * callee, with the user it acts for, valid for 60 seconds. Signing is Node's Ed25519, which is
 * synchronous.
 *
 * @example
 * const signer = createIdentitySigner(deriveWorkloadKey(secret, "orders"));
 * headers[IDENTITY_HEADER] = signer.sign({ audience: "payments", method: "POST", path: "/payments", body });
 */
export function createIdentitySigner(key: WorkloadJwk): IdentitySigner {
  if (!key.d) throw new IdentityError(`the identity key of ${key.kid} has no private part (d)`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: key as JsonWebKey, format: "jwk" });
  } catch (error) {
    throw new IdentityError(`the identity key of ${key.kid} is not an Ed25519 JSON Web Key`, { cause: error });
  }
  const header = encode({ alg: "EdDSA", kid: key.kid, typ: IDENTITY_TYPE });
  return {
    workload: key.kid,
    sign(request) {
      const iat = Math.floor(Date.now() / 1000);
      const payload = encode({
        iss: key.kid,
        aud: request.audience,
        iat,
        exp: iat + IDENTITY_TTL_SECONDS,
        jti: randomUUID(),
        htm: request.method.toUpperCase(),
        htu: request.path,
        bdh: bodyDigest(request.body),
        ...(request.user ? { sub: request.user.id, roles: [...request.user.roles] } : {}),
      });
      const signature = sign(null, Buffer.from(`${header}.${payload}`), privateKey).toString("base64url");
      return `${header}.${payload}.${signature}`;
    },
  };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
