import { beforeAll, describe, expect, it } from "vitest";
import type { RenderResult } from "../../../src/generators/infra/index.js";
import { find, kafkaShopModel, manifests, render, shopModel, type Manifest } from "./helpers.js";

/**
 * The security claims the shop makes (quality.security: TLS, encryption at rest) as the rendered
 * objects keep them: a meshed namespace with mutual TLS only, every volume on the encrypting
 * StorageClass the environment names; and what a stack's own settings change.
 */
const results: Record<string, RenderResult> = {};

beforeAll(async () => {
  const shop = await shopModel();
  results.istio = await render(shop, "production");
  results.linkerd = await render(
    shop,
    "staging",
    "config:\n  shop:mesh: linkerd\n  shop:storageClass: fast-encrypted\n",
  );
  results.none = await render(shop, "dev", "config:\n  shop:mesh: none\n");
  results.kafka = await render(kafkaShopModel(), "production");
}, 120_000);

const namespaceOf = (result: RenderResult): Manifest => manifests(result).find((m) => m.kind === "Namespace")!;
const claims = (result: RenderResult) =>
  manifests(result).flatMap((m) => (m.kind === "StatefulSet" ? m.spec.volumeClaimTemplates : []));

describe("a mesh and an encrypting StorageClass from the environment", () => {
  it("istio: every pod injected, and a namespace-wide PeerAuthentication admits mutual TLS only", () => {
    expect(namespaceOf(results.istio!).metadata.labels?.["istio-injection"]).toBe("enabled");
    const policy = find(manifests(results.istio!), "PeerAuthentication", "default");
    expect(policy.apiVersion).toBe("security.istio.io/v1");
    expect(policy.metadata.namespace).toBe("shop");
    expect(policy.spec).toEqual({ mtls: { mode: "STRICT" } });
  });

  it("linkerd from the stack's settings: injected, inbound only from authenticated (meshed) clients, no Istio object", () => {
    const namespace = namespaceOf(results.linkerd!);
    expect(namespace.metadata.annotations).toEqual({
      "linkerd.io/inject": "enabled",
      "config.linkerd.io/default-inbound-policy": "all-authenticated",
    });
    expect(namespace.metadata.labels?.["istio-injection"]).toBeUndefined();
    expect(manifests(results.linkerd!).filter((m) => m.kind === "PeerAuthentication")).toEqual([]);
  });

  it("mesh: none in a stack turns the environment's mesh off", () => {
    const namespace = namespaceOf(results.none!);
    expect(namespace.metadata.labels?.["istio-injection"]).toBeUndefined();
    expect(namespace.metadata.annotations).toBeUndefined();
    expect(manifests(results.none!).filter((m) => m.kind === "PeerAuthentication")).toEqual([]);
  });

  it("puts every store volume, the broker's included, on the environment's StorageClass, or the stack's", () => {
    const shopClaims = claims(results.istio!);
    expect(shopClaims.length).toBeGreaterThan(3);
    for (const claim of shopClaims) expect(claim.spec.storageClassName).toBe("encrypted-ssd");
    for (const claim of claims(results.linkerd!)) expect(claim.spec.storageClassName).toBe("fast-encrypted");
    const rabbit = find(manifests(results.istio!), "RabbitmqCluster", "shop-rabbitmq");
    expect(rabbit.spec.persistence.storageClassName).toBe("encrypted-ssd");
    const pool = manifests(results.kafka!).find((m) => m.kind === "KafkaNodePool")!;
    expect(pool.spec.storage.volumes[0].class).toBe("encrypted-ssd");
  });
});
