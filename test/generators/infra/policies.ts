import type { Manifest } from "./helpers.js";

/** A pod (or the internet) as NetworkPolicies see it. */
export interface Endpoint {
  readonly labels: Record<string, string>;
  readonly namespace: string;
  readonly internet?: boolean;
}

type Peer = {
  podSelector?: { matchLabels?: Record<string, string> };
  namespaceSelector?: object;
  ipBlock?: { cidr: string };
};
type Rule = { from?: Peer[]; to?: Peer[]; ports?: { port: number; protocol: string }[] };

const matches = (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

function peerMatches(peer: Peer, target: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) return target.internet === true && peer.ipBlock.cidr === "0.0.0.0/0";
  if (target.internet) return false;
  if (!peer.namespaceSelector && target.namespace !== policyNamespace) return false;
  return matches(peer.podSelector, target.labels);
}

const portMatches = (rule: Rule, port: number) =>
  rule.ports === undefined || rule.ports.length === 0 || rule.ports.some((p) => p.port === port);

/** Whether one side's policies let the connection through: no policy of that type selects the pod, or one rule allows it. */
export function allowedBy(
  policies: readonly Manifest[],
  subject: Endpoint,
  other: Endpoint,
  port: number,
  type: "Ingress" | "Egress",
): boolean {
  if (subject.internet) return true;
  const selecting = policies.filter(
    (p) =>
      p.metadata.namespace === subject.namespace &&
      p.spec.policyTypes.includes(type) &&
      matches(p.spec.podSelector, subject.labels),
  );
  if (selecting.length === 0) return true;
  return selecting.some((p) => {
    const rules: Rule[] = (type === "Ingress" ? p.spec.ingress : p.spec.egress) ?? [];
    return rules.some((rule) => {
      const peers = type === "Ingress" ? rule.from : rule.to;
      return (
        portMatches(rule, port) &&
        (peers === undefined ||
          peers.length === 0 ||
          peers.some((peer) => peerMatches(peer, other, p.metadata.namespace!)))
      );
    });
  });
}

export const pod = (name: string, system = "shop"): Endpoint => ({
  namespace: system,
  labels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": system },
});
export const INTERNET: Endpoint = { namespace: "", labels: {}, internet: true };
export const DNS: Endpoint = { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };

/** Whether both sides' NetworkPolicies let `from` open a connection to `to` on `port`. */
export function canConnect(policies: readonly Manifest[], from: Endpoint, to: Endpoint, port: number): boolean {
  return allowedBy(policies, from, to, port, "Egress") && allowedBy(policies, to, from, port, "Ingress");
}
