export {
  bodyDigest,
  deriveWorkloadKey,
  GATEWAY_WORKLOAD,
  identityEnv,
  isJsonContentType,
  publicKeyOf,
  trustedKeys,
  workloadsOf,
} from "./keys.js";
export type { TrustedKeys, WorkloadJwk } from "./keys.js";
export {
  createIdentitySigner,
  createIdentityVerifier,
  IDENTITY_HEADER,
  IDENTITY_TTL_SECONDS,
  IdentityError,
} from "./token.js";
export type { SignedRequest, SignedUser, IdentitySigner, IdentityVerifier, VerifiedIdentity } from "./token.js";
export { identityFromEnv } from "./env.js";
export type { WorkloadIdentity } from "./env.js";
