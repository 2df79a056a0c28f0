import type { Environment, Model } from "../model-system.js";
import type { Rule } from "./context.js";

type Claim = "tls" | "encryptionAtRest" | "authentication" | "authorization";

/** Why the claim is not kept by what archkit generates, or `undefined` when it is. */
type Judge = (model: Model) => { readonly gap: string; readonly hint: string } | undefined;

const names = (envs: readonly Environment[]) => envs.map((e) => e.name).join(", ");

/**
 * What makes each security claim true of the generated system. Compliance regimes (`compliance:`)
 * name no mechanism and are only recorded in the architecture document.
 */
const JUDGES = {
  tls: (model) => {
    const envs = model.deployment.environments;
    const unmeshed = envs.filter((e) => e.mesh === undefined);
    const plainIngress = envs.filter((e) => e.ingress && !e.ingress.tls);
    const external = envs.filter((e) => e.infrastructure === "external");
    const gaps = [
      ...(unmeshed.length ? [`traffic between the pods of ${names(unmeshed)} is plain HTTP (no \`mesh:\`)`] : []),
      ...(plainIngress.length ? [`the ingress of ${names(plainIngress)} has \`tls: false\``] : []),
      ...(external.length ? [`the external stores of ${names(external)} are reached as their URLs say`] : []),
    ];
    return gaps.length
      ? {
          gap: gaps.join("; "),
          hint: "name the cluster's mesh (`deployment.environments.<env>.mesh: istio` or `linkerd`), keep `ingress.tls: true`, and use in-cluster stores or give the external ones TLS URLs; or remove the claim",
        }
      : undefined;
  },
  encryptionAtRest: (model) => {
    const envs = model.deployment.environments;
    const plain = envs.filter((e) => e.infrastructure === "in-cluster" && !e.storage?.encrypted);
    const external = envs.filter((e) => e.infrastructure === "external");
    const gaps = [
      ...(plain.length ? [`the volumes of ${names(plain)} are on no encrypting StorageClass`] : []),
      ...(external.length ? [`the external stores of ${names(external)} are encrypted or not by their provider`] : []),
    ];
    return gaps.length
      ? {
          gap: gaps.join("; "),
          hint: "put the in-cluster volumes on an encrypting StorageClass: `deployment.environments.<env>.storage: { class: <name>, encrypted: true }`; or remove the claim",
        }
      : undefined;
  },
  authentication: (model) =>
    model.gateway?.auth
      ? undefined
      : {
          gap: model.gateway
            ? "the gateway checks no tokens (no `gateway.auth`)"
            : "there is no gateway to check tokens",
          hint: "add `gateway.auth: { kind: jwt, ... }` so the gateway verifies every request's token; or remove the claim",
        },
  authorization: (model) =>
    model.services.some((s) => s.endpoints.some((e) => e.auth.kind === "role"))
      ? undefined
      : {
          gap: "no endpoint requires a role",
          hint: "give the endpoints that need one `auth: role:<name>`; or remove the claim",
        },
} satisfies Record<Claim, Judge>;

/**
 * Each claim under `quality.security` that nothing archkit generates enforces is a warning that
 * says what is missing, so the architecture document never promises what the system does not do.
 */
export const unenforcedSecurityClaim: Rule = {
  name: "unenforced-security-claim",
  check({ model, report }) {
    const claims = model.quality.security;
    for (const claim of Object.keys(JUDGES) as Claim[]) {
      const stated = claims[claim];
      if (stated === undefined) continue;
      const found = JUDGES[claim](model);
      if (!found) continue;
      report("unenforcedSecurityClaim", ["quality", "security", claim], {
        message: `\`${claim}: ${stated}\` is claimed but nothing archkit generates enforces it: ${found.gap}`,
        hint: found.hint,
      });
    }
  },
};
