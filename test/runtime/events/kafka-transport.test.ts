import { describe, expect, it } from "vitest";
import { createEnvelope, fromKafkaMessage, KafkaTransport, toKafkaMessage } from "../../../src/runtime/events/index.js";
import { kafkaServer, suiteTitle } from "../servers.js";
import { transportContract } from "./transport-contract.js";

const kafka = kafkaServer();

describe.skipIf(!kafka.ok)(suiteTitle("transport contract: kafka", kafka), () => {
  const brokers = kafka.ok ? kafka.url.split(",") : [];
  transportContract({
    create: (topics) =>
      new KafkaTransport({
        brokers,
        clientId: "archkit-conformance",
        topics: topics.map((topic) => ({ topic, partitions: 4 })),
        replicationFactor: 1,
      }),
    settle: () => new Promise((resolve) => setTimeout(resolve, 8_000)),
    quietMs: 2_000,
  });
});

describe("kafka record codec", () => {
  it("round-trips an envelope through a Kafka record", () => {
    const envelope = createEnvelope({
      type: "OrderPlaced",
      topic: "orders.order-placed",
      key: "o1",
      payload: { orderId: "o1" },
      correlationId: "c1",
      headers: { "x-tenant": "eu" },
    });
    const message = toKafkaMessage(envelope);
    expect(message.key).toBe("o1");
    const record = {
      key: Buffer.from(String(message.key)),
      value: Buffer.from(String(message.value)),
      headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))])),
      timestamp: "0",
      attributes: 0,
      offset: "7",
    };
    expect(fromKafkaMessage("orders.order-placed", 0, record)).toEqual(envelope);
  });

  it("gives foreign records a unique id and keeps a non-JSON value as text", () => {
    const record = {
      key: null,
      value: Buffer.from("not json"),
      headers: {},
      timestamp: "0",
      attributes: 0,
      offset: "42",
    };
    expect(fromKafkaMessage("t", 3, record)).toEqual({
      id: "t-3-42",
      type: "",
      topic: "t",
      payload: "not json",
      occurredAt: "1970-01-01T00:00:00.000Z",
      headers: {},
    });
  });
});
