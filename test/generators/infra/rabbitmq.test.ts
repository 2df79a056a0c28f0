import { beforeAll, describe, expect, it } from "vitest";
import { describeInfra, REDACTED } from "../../../src/generators/infra/index.js";
import { computeModel, k8sName, type Model } from "../../../src/model/index.js";
import { find, manifests, render, shopModel, type Manifest } from "./helpers.js";
import { canConnect, DNS, type Endpoint, INTERNET, pod } from "./policies.js";

/** The shop names `deployment.broker: rabbitmq`: a RabbitmqCluster, AMQP_URL from Secrets, no Strimzi. */
let model: Model;
let production: Manifest[];
let dev: Manifest[];
let external: Manifest[];

beforeAll(async () => {
  model = await shopModel();
  production = manifests(await render(model, "production"));
  dev = manifests(await render(model, "dev"));
  external = manifests(await render(model, "staging", "config:\n  shop:infrastructure: external\n"));
}, 90_000);

const CLIENTS = ["notifications", "orders", "payments", "products", "users"];
/** A RabbitMQ node as the operator labels its pods. */
const NODE: Endpoint = {
  namespace: "shop",
  labels: {
    "app.kubernetes.io/name": "shop-rabbitmq",
    "app.kubernetes.io/component": "rabbitmq",
    "app.kubernetes.io/part-of": "rabbitmq",
  },
};
const containerEnv = (m: Manifest) =>
  m.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: any }[];
const policies = (from: readonly Manifest[]) => from.filter((m) => m.kind === "NetworkPolicy");

describe("the shop on RabbitMQ: the broker", () => {
  it("is a RabbitmqCluster of the RabbitMQ Cluster Operator, checked field by field", () => {
    const cluster = find(production, "RabbitmqCluster", "shop-rabbitmq");
    expect(cluster.apiVersion).toBe("rabbitmq.com/v1beta1");
    expect(cluster.metadata).toEqual({
      name: "shop-rabbitmq",
      namespace: "shop",
      labels: { "app.kubernetes.io/part-of": "shop", "app.kubernetes.io/managed-by": "pulumi" },
    });
    expect(Object.keys(cluster.spec).sort()).toEqual([
      "persistence",
      "rabbitmq",
      "replicas",
      "resources",
      "secretBackend",
    ]);
    expect(cluster.spec.replicas).toBe(3);
    expect(cluster.spec.persistence).toEqual({ storage: "10Gi", storageClassName: "encrypted-ssd" });
    expect(cluster.spec.resources).toEqual({ requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "1Gi" } });
    expect(cluster.spec.rabbitmq).toEqual({ additionalPlugins: ["rabbitmq_consistent_hash_exchange"] });
    expect(cluster.spec.secretBackend).toEqual({ externalSecret: { name: "shop-rabbitmq-credentials" } });
  });

  it("runs three nodes where the environment runs three replicas, one otherwise", () => {
    expect(find(dev, "RabbitmqCluster", "shop-rabbitmq").spec.replicas).toBe(1);
  });

  it("gets its default user from a Secret this program provisions, every value redacted", () => {
    const credentials = find(production, "Secret", "shop-rabbitmq-credentials");
    expect(Object.keys(credentials.stringData).sort()).toEqual([
      "default_user.conf",
      "host",
      "password",
      "port",
      "provider",
      "type",
      "username",
    ]);
    expect(Object.values(credentials.stringData).every((v) => v === REDACTED)).toBe(true);
  });

  it("declares no Strimzi object and no Kafka setting", () => {
    expect(production.filter((m) => m.apiVersion.includes("strimzi") || m.kind.startsWith("Kafka"))).toEqual([]);
    expect(JSON.stringify(production)).not.toContain("strimzi.io");
    const architecture = describeInfra(model);
    expect(architecture.kafka).toBeNull();
    expect(architecture.requiredConfig.map((c) => c.key)).not.toContain("kafkaBrokers");
  });
});

describe("the shop on RabbitMQ: the services", () => {
  it("gives each service that publishes or consumes the variable its needs name, from its Secret", () => {
    const computed = computeModel(model);
    for (const service of computed.services) {
      const variable = service.needs.env.find((e) => e.source.kind === "broker")!.name;
      expect(variable).toBe("AMQP_URL");
      const given = containerEnv(find(production, "Deployment", k8sName(service.id))).find((e) => e.name === variable);
      expect(given, service.id).toEqual({
        name: variable,
        valueFrom: { secretKeyRef: { name: `${k8sName(service.id)}-secrets`, key: variable } },
      });
      expect(find(production, "Secret", `${k8sName(service.id)}-secrets`).stringData[variable]).toBe(REDACTED);
    }
    expect(containerEnv(find(production, "Deployment", "gateway")).map((e) => e.name)).not.toContain("AMQP_URL");
  });

  it("gives no broker variable a plain value anywhere", () => {
    for (const m of production.filter((m) => m.kind === "Deployment"))
      for (const e of containerEnv(m))
        if (/AMQP|KAFKA/.test(e.name)) expect(e.value, `${m.metadata.name} ${e.name}`).toBeUndefined();
    expect(JSON.stringify(production)).not.toMatch(/amqps?:\/\//);
  });
});

describe("the shop on RabbitMQ: NetworkPolicies", () => {
  it("let exactly the services that publish or consume reach the broker, on 5672 only", () => {
    const all = policies(production);
    for (const client of CLIENTS) {
      expect(canConnect(all, pod(client), NODE, 5672), client).toBe(true);
      expect(canConnect(all, pod(client), NODE, 15672), `${client} to the management port`).toBe(false);
      expect(canConnect(all, pod(client), NODE, 25672), `${client} to the clustering port`).toBe(false);
    }
    for (const other of ["gateway", "orders-postgres", "cache-redis", "gateway-redis"])
      expect(canConnect(all, pod(other), NODE, 5672), other).toBe(false);
    expect(canConnect(all, INTERNET, NODE, 5672)).toBe(false);
  });

  it("let the broker's own pods talk to each other, DNS and the Kubernetes API, and nothing else", () => {
    const all = policies(production);
    for (const port of [4369, 5672, 25672, 35672]) expect(canConnect(all, NODE, NODE, port), String(port)).toBe(true);
    expect(canConnect(all, NODE, DNS, 53)).toBe(true);
    expect(canConnect(all, NODE, INTERNET, 443)).toBe(true);
    for (const client of CLIENTS) expect(canConnect(all, NODE, pod(client), 3001), client).toBe(false);
  });

  it("with an external broker, let the clients out on 5671 and 5672 and take AMQP_URL from the stack secret", () => {
    const all = policies(external);
    expect(external.filter((m) => m.kind === "RabbitmqCluster")).toEqual([]);
    expect(all.map((p) => p.metadata.name)).not.toContain("shop-rabbitmq");
    for (const client of CLIENTS) {
      expect(canConnect(all, pod(client), INTERNET, 5671), client).toBe(true);
      expect(canConnect(all, pod(client), INTERNET, 5672), client).toBe(true);
    }
    expect(canConnect(all, pod("gateway"), INTERNET, 5672)).toBe(false);
    const required = describeInfra(model).requiredConfig.find((c) => c.key === "amqpUrl");
    expect(required).toMatchObject({ secret: true, mode: "external" });
  });
});
