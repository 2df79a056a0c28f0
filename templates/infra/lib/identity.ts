import { createHmac, createPrivateKey } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import type { Workload } from "./architecture";
import type { Context } from "./meta";

/** PKCS#8 prefix of an Ed25519 private key, before its 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

interface WorkloadJwk {
  readonly kty: "OKP";
  readonly crv: "Ed25519";
  readonly alg: "EdDSA";
  readonly kid: string;
  readonly x: string;
  readonly d?: string;
}

/**
 * A workload's signing key, derived from the stack secret exactly as archkit's runtime derives it
 * (deriveWorkloadKey): the Ed25519 seed is HMAC-SHA256(secret, "archkit-identity:<workload>").
 */
function workloadKey(master: string, workload: string): WorkloadJwk {
  const seed = createHmac("sha256", master).update(`archkit-identity:${workload}`).digest();
  const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const jwk = key.export({ format: "jwk" }) as { x: string; d: string };
  return { kty: "OKP", crv: "Ed25519", alg: "EdDSA", kid: workload, x: jwk.x, d: jwk.d };
}

/** The workload's own private key, for its Secret only. */
export function identityKey(ctx: Context, workload: Workload): pulumi.Output<string> {
  return ctx.settings.config
    .requireSecret(workload.identity.config)
    .apply((master) => JSON.stringify(workloadKey(master, workload.id)));
}

/** Every workload's public key, a JWKS: plain, in each Deployment. */
export function trustedKeys(ctx: Context, workload: Workload, workloads: readonly string[]): pulumi.Output<string> {
  const jwks = ctx.settings.config.requireSecret(workload.identity.config).apply((master) =>
    JSON.stringify({
      keys: workloads.map((id) => {
        const { d: _, ...publicKey } = workloadKey(master, id);
        return publicKey;
      }),
    }),
  );
  return pulumi.unsecret(jwks);
}
