import { ArchkitError } from "../../model/errors.js";
import { RUNTIME_ENV } from "../../model/naming.js";
import type { TrustedKeys, WorkloadJwk } from "./keys.js";
import { createIdentitySigner, type IdentitySigner } from "./token.js";
import { createIdentityVerifier, type IdentityVerifier } from "./verify.js";

/** How a workload proves who it is and checks who calls it; both absent when its variables are unset. */
export interface WorkloadIdentity {
  readonly signer?: IdentitySigner;
  readonly verifier?: IdentityVerifier;
}

/**
 * A workload's identity from its variables: `ARCHKIT_IDENTITY_KEY` (its own private key, a JWK
 * whose `kid` is the workload) signs what it sends, and `ARCHKIT_IDENTITY_JWKS` (every workload's
 * public key) verifies who calls it. A malformed value, or a key that belongs to another workload,
 * is an error naming the variable.
 *
 * @example
 * const { signer, verifier } = identityFromEnv(process.env, "orders");
 */
export function identityFromEnv(env: Readonly<Record<string, string | undefined>>, workload: string): WorkloadIdentity {
  const key = parseJson<WorkloadJwk>(env, RUNTIME_ENV.identityKey);
  const jwks = parseJson<TrustedKeys>(env, RUNTIME_ENV.identityJwks);
  if (key && key.kid !== workload)
    throw new ArchkitError(`${RUNTIME_ENV.identityKey} is the key of ${String(key.kid)}, not of ${workload}`, {
      code: "identity-config",
      hint: "give each workload its own key; its kid is the workload's name",
    });
  if (jwks && !Array.isArray(jwks.keys))
    throw new ArchkitError(`${RUNTIME_ENV.identityJwks} must be a JSON Web Key Set ({ "keys": [...] })`, {
      code: "identity-config",
    });
  return {
    ...(key ? { signer: createIdentitySigner(key) } : {}),
    ...(jwks ? { verifier: createIdentityVerifier(jwks) } : {}),
  };
}

function parseJson<T>(env: Readonly<Record<string, string | undefined>>, name: string): T | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch (error) {
    throw new ArchkitError(`${name} is not JSON: ${(error as Error).message}`, {
      code: "identity-config",
      cause: error,
    });
  }
}
