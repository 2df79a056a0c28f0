import * as k8s from "@pulumi/kubernetes";
import type { Rabbitmq, Workload } from "./architecture";
import { POSTGRES_PORT, REDIS_PORT, byName } from "./connections";
import { metadata, podsOf, type Context } from "./meta";
import { rabbitmqPods } from "./rabbitmq";

type Rule = k8s.types.input.networking.v1.NetworkPolicyIngressRule & k8s.types.input.networking.v1.NetworkPolicyEgressRule;
type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;

/** An external RabbitMQ may speak amqps (5671) or amqp (5672). */
const EXTERNAL_AMQP_PORTS = [5671, 5672];
const ANYWHERE: Peer = { ipBlock: { cidr: "0.0.0.0/0" } };
const DNS: Rule = {
  to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
};

function tcp(...ports: number[]) {
  return ports.map((port) => ({ protocol: "TCP", port }));
}

/**
 * The architecture enforced by the network: nothing may talk unless the spec says so. Default
 * deny for every pod of the namespace; then each workload accepts only its declared callers (the
 * gateway for public endpoints) and reaches only the services it calls, its own stores, the broker,
 * DNS and, when it calls externals, the internet on their ports.
 */
export function createNetworkPolicies(ctx: Context, workloads: readonly Workload[]): void {
  new k8s.networking.v1.NetworkPolicy("default-deny", {
    metadata: metadata(ctx, "default-deny", "network"),
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
  for (const workload of workloads) {
    new k8s.networking.v1.NetworkPolicy(workload.name, {
      metadata: metadata(ctx, workload.name, "network"),
      spec: { podSelector: podsOf(ctx, workload.name), policyTypes: ["Ingress", "Egress"], ingress: ingressOf(ctx, workload), egress: egressOf(ctx, workload, workloads) },
    });
  }
  if (ctx.settings.infrastructure === "in-cluster") createStorePolicies(ctx);
}

/** Callers (anyone, for the exposed gateway) on the workload's port; only the monitoring namespace on its admin port. */
function ingressOf(ctx: Context, workload: Workload): Rule[] {
  const scrape: Rule = { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ctx.architecture.runtime.metricsNamespace } } }], ports: tcp(workload.adminPort) };
  if (workload.exposed) return [{ ports: tcp(workload.port) }, scrape];
  if (workload.callers.length === 0) return [scrape];
  return [{ from: workload.callers.map((caller) => ({ podSelector: podsOf(ctx, caller) })), ports: tcp(workload.port) }, scrape];
}

function egressOf(ctx: Context, workload: Workload, workloads: readonly Workload[]): Rule[] {
  const external = ctx.settings.infrastructure === "external";
  const to = (name: string, port: number): Rule => ({ to: [external ? ANYWHERE : { podSelector: podsOf(ctx, name) }], ports: tcp(port) });
  const calls = workload.calls.map((name) => ({ to: [{ podSelector: podsOf(ctx, name) }], ports: tcp(byName(workloads, name).port) }));
  const database = workload.database === null ? [] : [to(workload.database, POSTGRES_PORT)];
  const cache = workload.cache === null ? [] : [to(workload.cache, REDIS_PORT)];
  return [...calls, ...database, ...cache, ...kafkaEgress(ctx, workload), ...rabbitmqEgress(ctx, workload), ...externalEgress(ctx, workload), DNS];
}

function kafkaEgress(ctx: Context, workload: Workload): Rule[] {
  const kafka = ctx.architecture.kafka;
  if (workload.broker === null || kafka === null) return [];
  if (ctx.settings.infrastructure === "external") return [{ to: [ANYWHERE], ports: tcp(kafka.port) }];
  return [{ to: [{ podSelector: { matchLabels: { "strimzi.io/cluster": kafka.cluster, "strimzi.io/kind": "Kafka" } } }], ports: tcp(kafka.port) }];
}

function rabbitmqEgress(ctx: Context, workload: Workload): Rule[] {
  const rabbitmq = ctx.architecture.rabbitmq;
  if (workload.broker === null || rabbitmq === null) return [];
  if (ctx.settings.infrastructure === "external") return [{ to: [ANYWHERE], ports: tcp(...EXTERNAL_AMQP_PORTS) }];
  return [{ to: [{ podSelector: rabbitmqPods(rabbitmq) }], ports: tcp(rabbitmq.port) }];
}

function externalEgress(ctx: Context, workload: Workload): Rule[] {
  if (workload.externals.length === 0) return [];
  const ports = [...new Set(workload.externals.map((id) => ctx.architecture.externals.find((x) => x.id === id)?.port ?? 443))].sort((a, b) => a - b);
  return [{ to: [ANYWHERE], ports: tcp(...ports) }];
}

/** In-cluster stores accept their own services only; they reach nothing (default deny). */
function createStorePolicies(ctx: Context): void {
  const stores = [
    ...ctx.architecture.databases.map((db) => ({ name: db.name, clients: [db.service], port: POSTGRES_PORT })),
    ...ctx.architecture.caches.map((cache) => ({ name: cache.name, clients: cache.clients, port: REDIS_PORT })),
  ];
  for (const store of stores) {
    new k8s.networking.v1.NetworkPolicy(store.name, {
      metadata: metadata(ctx, store.name, "network"),
      spec: {
        podSelector: podsOf(ctx, store.name),
        policyTypes: ["Ingress"],
        ingress: [{ from: store.clients.map((client) => ({ podSelector: podsOf(ctx, client) })), ports: tcp(store.port) }],
      },
    });
  }
  createKafkaPolicy(ctx);
  if (ctx.architecture.rabbitmq !== null) createRabbitmqPolicy(ctx, ctx.architecture.rabbitmq);
}

/** Strimzi's pods talk among themselves and to the Kubernetes API; clients reach the brokers (Strimzi adds its own ingress policies too). */
function createKafkaPolicy(ctx: Context): void {
  const kafka = ctx.architecture.kafka;
  if (kafka === null) return;
  const cluster: Peer = { podSelector: { matchLabels: { "strimzi.io/cluster": kafka.cluster } } };
  new k8s.networking.v1.NetworkPolicy(kafka.cluster, {
    metadata: metadata(ctx, kafka.cluster, "network"),
    spec: {
      podSelector: { matchLabels: { "strimzi.io/cluster": kafka.cluster } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [cluster] }, { from: kafka.clients.map((client) => ({ podSelector: podsOf(ctx, client) })), ports: tcp(kafka.port) }],
      egress: [{ to: [cluster] }, { to: [ANYWHERE], ports: tcp(443, 6443) }, DNS],
    },
  });
}

/**
 * The RabbitMQ nodes talk among themselves (clustering, every port), to the Kubernetes API (peer
 * discovery) and DNS; the services that publish or consume reach them on the AMQP port, nobody else.
 */
function createRabbitmqPolicy(ctx: Context, rabbitmq: Rabbitmq): void {
  const nodes: Peer = { podSelector: rabbitmqPods(rabbitmq) };
  new k8s.networking.v1.NetworkPolicy(rabbitmq.cluster, {
    metadata: metadata(ctx, rabbitmq.cluster, "network"),
    spec: {
      podSelector: rabbitmqPods(rabbitmq),
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [nodes] }, { from: rabbitmq.clients.map((client) => ({ podSelector: podsOf(ctx, client) })), ports: tcp(rabbitmq.port) }],
      egress: [{ to: [nodes] }, { to: [ANYWHERE], ports: tcp(443, 6443) }, DNS],
    },
  });
}
