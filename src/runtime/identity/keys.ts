import { createHash, createHmac, createPrivateKey, type JsonWebKey } from "node:crypto";
import type { Model } from "../../model/index.js";
import { RUNTIME_ENV } from "../../model/naming.js";

/** The workload name the gateway signs as; services sign as their own id. */
export const GATEWAY_WORKLOAD = "gateway";

/** A workload's Ed25519 key as a JWK: `kid` is the workload it belongs to. */
export interface WorkloadJwk extends JsonWebKey {
  readonly kty: "OKP";
  readonly crv: "Ed25519";
  readonly kid: string;
  readonly alg: "EdDSA";
  readonly x: string;
  readonly d?: string;
}

/** The public keys every workload verifies callers with. */
export interface TrustedKeys {
  readonly keys: readonly WorkloadJwk[];
}

/** PKCS#8 prefix of an Ed25519 private key, before its 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * A workload's signing key, derived from a secret only the one who hands out keys holds (the dev
 * secret, the stack's secret): the seed is HMAC-SHA256(secret, "archkit-identity:<workload>"), so
 * the same secret gives the same keys on every start, and a workload given its own key cannot
 * work out another's.
 *
 * @example
 * const key = deriveWorkloadKey(secret, "orders"); // { kty: "OKP", crv: "Ed25519", kid: "orders", d, x }
 */
export function deriveWorkloadKey(secret: string, workload: string): WorkloadJwk {
  const seed = createHmac("sha256", secret).update(`archkit-identity:${workload}`).digest();
  const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const jwk = key.export({ format: "jwk" }) as { x: string; d: string };
  return { kty: "OKP", crv: "Ed25519", alg: "EdDSA", kid: workload, x: jwk.x, d: jwk.d };
}

/**
 * The public half of a workload key.
 *
 * @example
 * publicKeyOf(deriveWorkloadKey(secret, "orders")) // { kty, crv, alg, kid: "orders", x }
 */
export function publicKeyOf(key: WorkloadJwk): WorkloadJwk {
  const { d: _, ...rest } = key;
  return rest;
}

/**
 * The variables a workload's identity takes: its own private key and every workload's public key,
 * derived from one secret. This is what `archkit dev` and the contract tests give each workload;
 * a deployment gives the same two variables from its own secrets.
 *
 * @example
 * identityEnv(secret, "orders", ["gateway", "orders", "payments"])
 * // { ARCHKIT_IDENTITY_KEY: '{"kty":"OKP",...}', ARCHKIT_IDENTITY_JWKS: '{"keys":[...]}' }
 */
export function identityEnv(secret: string, workload: string, workloads: readonly string[]): Record<string, string> {
  return {
    [RUNTIME_ENV.identityKey]: JSON.stringify(deriveWorkloadKey(secret, workload)),
    [RUNTIME_ENV.identityJwks]: JSON.stringify(trustedKeys(secret, workloads)),
  };
}

/**
 * Every workload of a system: the gateway when the spec has one, then each service.
 *
 * @example
 * workloadsOf(model) // ["gateway", "users", "products", "orders", "payments", "notifications"]
 */
export function workloadsOf(model: Model): string[] {
  return [...(model.gateway ? [GATEWAY_WORKLOAD] : []), ...model.services.map((s) => s.id)];
}

/** Every workload's public key, derived from the secret. */
export function trustedKeys(secret: string, workloads: readonly string[]): TrustedKeys {
  return { keys: workloads.map((w) => publicKeyOf(deriveWorkloadKey(secret, w))) };
}

/**
 * The digest a signature carries for a body: SHA-256 of the bytes the handler reads (after any
 * content encoding is undone), base64url. A body the service does not parse as JSON is not read by
 * any handler and counts as empty.
 *
 * @example
 * bodyDigest(Buffer.from('{"a":1}')) // "Wb3..."
 */
export function bodyDigest(body: Uint8Array | string | undefined): string {
  return createHash("sha256")
    .update(body ?? "")
    .digest("base64url");
}
