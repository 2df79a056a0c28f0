import { beforeAll, describe, expect, it } from "vitest";
import { countByKind, find, kafkaShopModel, manifests, render, type Manifest } from "./helpers.js";

/** The shop with `deployment.broker: kafka` (the default): Strimzi, KAFKA_BROKERS, no RabbitMQ. */
let production: Manifest[];
let dev: Manifest[];

beforeAll(async () => {
  production = manifests(await render(kafkaShopModel(), "production"));
  dev = manifests(await render(kafkaShopModel(), "dev"));
}, 60_000);

const env = (deployment: Manifest) =>
  Object.fromEntries(
    deployment.spec.template.spec.containers[0].env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [
      e.name,
      e.value ?? e.valueFrom,
    ]),
  );

describe("the shop on Kafka under Pulumi mocks", () => {
  it("declares a Strimzi cluster and its topics, and nothing of RabbitMQ", () => {
    expect(countByKind(production)).toEqual({
      Namespace: 1,
      Deployment: 6,
      Service: 13,
      ServiceAccount: 6,
      Secret: 13,
      HorizontalPodAutoscaler: 5,
      PodDisruptionBudget: 6,
      Ingress: 1,
      StatefulSet: 7,
      NetworkPolicy: 15,
      Kafka: 1,
      KafkaNodePool: 1,
      KafkaTopic: 20,
      PeerAuthentication: 1,
    });
  });

  it("gives each service that publishes or consumes KAFKA_BROKERS as a plain value", () => {
    expect(env(find(production, "Deployment", "orders")).KAFKA_BROKERS).toBe("shop-kafka-kafka-bootstrap:9092");
    expect(env(find(production, "Deployment", "orders")).AMQP_URL).toBeUndefined();
    expect(env(find(production, "Deployment", "gateway")).KAFKA_BROKERS).toBeUndefined();
  });

  it("runs three Kafka brokers where the environment runs three replicas, one otherwise", () => {
    expect(find(production, "KafkaNodePool", "shop-kafka-pool").spec.replicas).toBe(3);
    expect(find(dev, "KafkaNodePool", "shop-kafka-pool").spec.replicas).toBe(1);
    expect(find(dev, "KafkaTopic", "orders.order-created").spec.replicas).toBe(1);
  });

  it("with external infrastructure, takes the brokers from the stack setting and runs no Kafka", async () => {
    const external = manifests(
      await render(
        kafkaShopModel(),
        "staging",
        "config:\n  shop:infrastructure: external\n  shop:kafkaBrokers: kafka-1.example.net:9092\n",
      ),
    );
    expect(external.filter((m) => m.kind.startsWith("Kafka"))).toEqual([]);
    expect(env(find(external, "Deployment", "orders")).KAFKA_BROKERS).toBe("kafka-1.example.net:9092");
    expect(find(external, "Secret", "orders-secrets").stringData).toEqual({
      ARCHKIT_IDENTITY_KEY: "<redacted>",
      DATABASE_URL: "<redacted>",
    });
  }, 60_000);
});
