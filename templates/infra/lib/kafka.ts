import * as k8s from "@pulumi/kubernetes";
import type { Kafka, Topic } from "./architecture";
import { podsOf, type Context } from "./meta";

const STRIMZI = "kafka.strimzi.io/v1beta2";

/** Brokers of the in-cluster Kafka: three where the environment runs three or more replicas, else one. */
export function brokerCount(ctx: Context): number {
  return (ctx.settings.replicas ?? 3) >= 3 ? 3 : 1;
}

/**
 * In-cluster: a Strimzi-managed Kafka (KRaft, one node pool) and a KafkaTopic per topic, with the
 * spec's partitions and retention. Needs the Strimzi operator in the cluster. External: nothing;
 * the runtime creates missing topics itself.
 */
export function createKafka(ctx: Context): void {
  const kafka = ctx.architecture.kafka;
  const mode = ctx.settings.infrastructure;
  if (kafka === null) return;
  switch (mode) {
    case "in-cluster":
      createCluster(ctx, kafka);
      kafka.topics.forEach((topic) => createTopic(ctx, kafka, topic));
      return;
    case "external":
      return;
    default: {
      const unknown: never = mode;
      throw new Error(`unknown infrastructure ${String(unknown)}`);
    }
  }
}

function strimziMetadata(ctx: Context, name: string, kafka: Kafka, annotations?: Record<string, string>) {
  return {
    name,
    namespace: ctx.namespace.metadata.name,
    // No name label: topic names may be longer than a label value may be.
    labels: {
      "app.kubernetes.io/part-of": ctx.architecture.system,
      "app.kubernetes.io/component": "event-bus",
      "app.kubernetes.io/managed-by": "pulumi",
      "strimzi.io/cluster": kafka.cluster,
    },
    ...(annotations ? { annotations } : {}),
  };
}

function createCluster(ctx: Context, kafka: Kafka): void {
  const brokers = brokerCount(ctx);
  const replication = String(brokers);
  const minInSync = String(Math.min(2, brokers));
  new k8s.apiextensions.CustomResource(`${kafka.cluster}-pool`, {
    apiVersion: STRIMZI,
    kind: "KafkaNodePool",
    metadata: strimziMetadata(ctx, `${kafka.cluster}-pool`, kafka),
    spec: {
      replicas: brokers,
      roles: ["controller", "broker"],
      storage: { type: "jbod", volumes: [{ id: 0, type: "persistent-claim", size: ctx.architecture.storage.kafka, ...(ctx.settings.storageClass ? { class: ctx.settings.storageClass } : {}), deleteClaim: false, kraftMetadata: "shared" }] },
    },
  });
  new k8s.apiextensions.CustomResource(kafka.cluster, {
    apiVersion: STRIMZI,
    kind: "Kafka",
    metadata: strimziMetadata(ctx, kafka.cluster, kafka, { "strimzi.io/node-pools": "enabled", "strimzi.io/kraft": "enabled" }),
    spec: {
      kafka: {
        listeners: [{ name: "plain", port: kafka.port, type: "internal", tls: false, networkPolicyPeers: kafka.clients.map((c) => ({ podSelector: podsOf(ctx, c) })) }],
        config: {
          "offsets.topic.replication.factor": replication,
          "transaction.state.log.replication.factor": replication,
          "transaction.state.log.min.isr": minInSync,
          "default.replication.factor": replication,
          "min.insync.replicas": minInSync,
        },
      },
      entityOperator: { topicOperator: {}, userOperator: {} },
    },
  });
}

function createTopic(ctx: Context, kafka: Kafka, topic: Topic): void {
  new k8s.apiextensions.CustomResource(`topic-${topic.name}`, {
    apiVersion: STRIMZI,
    kind: "KafkaTopic",
    metadata: strimziMetadata(ctx, topic.name, kafka, { "archkit.dev/event": topic.event }),
    spec: {
      topicName: topic.topic,
      partitions: topic.partitions,
      replicas: brokerCount(ctx),
      config: { "retention.ms": topic.retentionMs },
    },
  });
}
