import { describe, expect, it } from "vitest";
import {
  createTransport,
  KafkaTransport,
  MemoryBroker,
  RabbitMqTransport,
  MemoryTransport,
  modelTopics,
  TransportConfigError,
  transportConfigFromEnv,
} from "../../../src/runtime/events/index.js";
import { shopModel } from "../db/shop.js";

describe("transport selection", () => {
  it("uses the memory transport when KAFKA_BROKERS is not set", () => {
    const broker = new MemoryBroker();
    expect(transportConfigFromEnv({}, { clientId: "shop-orders" })).toEqual({ kind: "memory" });
    expect(transportConfigFromEnv({ KAFKA_BROKERS: " " }, { clientId: "shop-orders", broker })).toEqual({
      kind: "memory",
      broker,
    });
    const transport = createTransport({ kind: "memory", broker });
    expect(transport).toBeInstanceOf(MemoryTransport);
    expect((transport as MemoryTransport).broker).toBe(broker);
  });

  it("uses Kafka when KAFKA_BROKERS names brokers", () => {
    const topics = [{ topic: "orders.order-created", partitions: 6 }];
    const config = transportConfigFromEnv(
      { KAFKA_BROKERS: "kafka-0:9092, kafka-1:9092" },
      { clientId: "shop-orders", topics },
    );
    expect(config).toEqual({
      kind: "kafka",
      brokers: ["kafka-0:9092", "kafka-1:9092"],
      clientId: "shop-orders",
      topics,
      logger: undefined,
    });
    expect(createTransport(config).kind).toBe("kafka");
    expect(createTransport(config)).toBeInstanceOf(KafkaTransport);
  });

  it("rejects a KAFKA_BROKERS entry that is not host:port with one clear line", () => {
    expect(() => transportConfigFromEnv({ KAFKA_BROKERS: "kafka-0:9092,kafka-1" }, { clientId: "x" })).toThrow(
      new TransportConfigError(
        'KAFKA_BROKERS "kafka-0:9092,kafka-1" has "kafka-1", which is not host:port; expected e.g. KAFKA_BROKERS=kafka-0:9092,kafka-1:9092',
      ),
    );
  });

  it("uses RabbitMQ when AMQP_URL is set, with the system's name as exchange, before ARCHKIT_BROKER_URL", () => {
    const topics = [{ topic: "orders.order-created", partitions: 6 }];
    const config = transportConfigFromEnv(
      { AMQP_URL: " amqp://u:p@rabbitmq:5672/shop ", ARCHKIT_BROKER_URL: "tcp://127.0.0.1:4100" },
      { clientId: "shop-orders", system: "shop", topics },
    );
    expect(config).toEqual({
      kind: "rabbitmq",
      url: "amqp://u:p@rabbitmq:5672/shop",
      clientId: "shop-orders",
      exchange: "shop",
      topics,
      logger: undefined,
    });
    expect(createTransport(config)).toBeInstanceOf(RabbitMqTransport);
    expect(createTransport(config).kind).toBe("rabbitmq");
    expect(transportConfigFromEnv({ AMQP_URL: "amqps://r" }, { clientId: "x" })).toMatchObject({ exchange: "archkit" });
  });

  it("refuses both KAFKA_BROKERS and AMQP_URL, and an AMQP_URL that is not amqp://, naming what to set", () => {
    expect(() =>
      transportConfigFromEnv({ KAFKA_BROKERS: "k:9092", AMQP_URL: "amqp://r:5672" }, { clientId: "x" }),
    ).toThrow(
      new TransportConfigError(
        "both KAFKA_BROKERS and AMQP_URL are set; a service uses one event broker: unset KAFKA_BROKERS to use RabbitMQ, or AMQP_URL to use Kafka",
      ),
    );
    expect(() => transportConfigFromEnv({ AMQP_URL: "http://u:secret@r:5672" }, { clientId: "x" })).toThrow(
      new TransportConfigError(
        'AMQP_URL "http://u:***@r:5672" is not an amqp:// or amqps:// URL; expected e.g. AMQP_URL=amqp://user:password@rabbitmq:5672/vhost',
      ),
    );
    expect(() => transportConfigFromEnv({ AMQP_URL: "rabbitmq:5672" }, { clientId: "x" })).toThrow(
      /is not an amqp:\/\//,
    );
  });

  it("loads the RabbitMQ client only when a RabbitMQ transport starts", async () => {
    const { execFileSync } = await import("node:child_process");
    const script = `import("./src/runtime/index.ts").then(() => { const loaded = Object.keys(require.cache).some((p) => p.includes("/node_modules/amqplib/")); console.log(loaded ? "loaded" : "lazy"); });`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=commonjs", "-e", script], {
      encoding: "utf8",
    });
    expect(out.trim()).toBe("lazy");
  });

  it("lists the model's topics with partitions, and dead-letter topics of dead-lettering consumers", async () => {
    const topics = modelTopics(await shopModel());
    expect(topics).toContainEqual({ topic: "orders.order-created", partitions: 6 });
    expect(topics).toContainEqual({ topic: "orders.order-created.dlq", partitions: 6 });
    expect(topics).toContainEqual({ topic: "products.low-stock", partitions: 3 });
    expect(topics.map((t) => t.topic)).toEqual([...topics.map((t) => t.topic)].sort());
  });

  it("says which brokers failed when Kafka cannot be reached", async () => {
    const transport = new KafkaTransport({ brokers: ["127.0.0.1:1"], clientId: "archkit-test" });
    const error = await Promise.race([
      transport.start().catch((e: unknown) => e),
      new Promise((resolve) => setTimeout(() => resolve("still trying"), 25_000)),
    ]);
    await transport.stop().catch(() => undefined);
    expect(String(error)).toMatch(
      /cannot start on the kafka event transport: brokers 127\.0\.0\.1:1 \(KAFKA_BROKERS\) are not usable: /,
    );
  }, 30_000);
});
