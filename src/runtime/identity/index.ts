export {
  bodyDigest,
  deriveWorkloadKey,
  GATEWAY_WORKLOAD,
  identityEnv,
  publicKeyOf,
  trustedKeys,
  workloadsOf,
} from "./keys.js";
export type { TrustedKeys, WorkloadJwk } from "./keys.js";
export { createIdentitySigner, IDENTITY_HEADER, IDENTITY_TTL_SECONDS, IdentityError } from "./token.js";
export { createIdentityVerifier } from "./verify.js";
export type { IdentityVerifier } from "./verify.js";
export type { IdentityClaims, SignedRequest, SignedUser, IdentitySigner, VerifiedIdentity } from "./token.js";
export { identityFromEnv } from "./env.js";
export type { WorkloadIdentity } from "./env.js";
