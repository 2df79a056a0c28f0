import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumeMessage } from "amqplib";
import {
  createEnvelope,
  fromAmqpMessage,
  HEADERS,
  RabbitMqTransport,
  toAmqpMessage,
  type RabbitMqTransportOptions,
} from "../../../src/runtime/events/index.js";
import { createTestVhost, rabbitmqServer, suiteTitle, type TestVhost } from "../servers.js";
import { Inbox, sleep, waitUntil } from "./fixture.js";
import { transportContract } from "./transport-contract.js";

const server = await rabbitmqServer();
const vhost: { current?: TestVhost } = {};

beforeAll(async () => {
  if (server.ok) vhost.current = await createTestVhost(server.url);
});
afterAll(async () => {
  await vhost.current?.delete();
});

const rabbit = (options: Partial<RabbitMqTransportOptions> = {}) =>
  new RabbitMqTransport({
    url: vhost.current!.url,
    clientId: "archkit-conformance",
    exchange: "conformance",
    partitions: 4,
    rebalanceMs: 100,
    redeliveryDelayMs: 5,
    reconnect: { minMs: 50, maxMs: 500 },
    ...options,
  });

describe.skipIf(!server.ok)(suiteTitle("transport contract: rabbitmq", server), () => {
  transportContract({
    create: (topics) => rabbit({ topics: topics.map((topic) => ({ topic, partitions: 4 })) }),
    settle: () => sleep(600),
    quietMs: 300,
  });
});

describe.skipIf(!server.ok)(suiteTitle("rabbitmq transport", server), () => {
  it("shares the shards of a group between replicas and takes over the shards of one that stops", async () => {
    const handler = async () => undefined;
    const first = rabbit();
    const second = rabbit();
    for (const t of [first, second]) await t.subscribe({ topic: "share.t", group: "share-g", handler });
    await first.start();
    expect(first.ownedShards()).toEqual({ "share-g share.t": [0, 1, 2, 3] });
    await second.start();
    const owned = () => [first, second].map((t) => t.ownedShards()["share-g share.t"]!);
    await waitUntil(
      () => owned().every((list) => list.length === 2),
      10_000,
      () => JSON.stringify(owned()),
    );
    expect(owned().flat().sort()).toEqual([0, 1, 2, 3]);
    await first.stop();
    await waitUntil(() => second.ownedShards()["share-g share.t"]!.length === 4, 10_000);
    await second.stop();
  });

  it("keeps dead letters in the durable <topic>.dlq queue even when no one consumes them yet", async () => {
    const producer = rabbit();
    await producer.start();
    const dead = createEnvelope({
      type: "T",
      topic: "kept.t.dlq",
      payload: { n: 1 },
      headers: { [HEADERS.error]: "x" },
    });
    await producer.send([dead]);
    await producer.stop();
    const inbox = new Inbox();
    const reader = rabbit();
    await reader.subscribe({ topic: "kept.t.dlq", group: "reader", handler: inbox.handler });
    await reader.start();
    await sleep(300);
    expect(inbox.received).toEqual([]);
    const amqplib = await import("amqplib");
    const connection = await amqplib.connect(vhost.current!.url);
    const channel = await connection.createChannel();
    const kept = await channel.get("kept.t.dlq", { noAck: true });
    expect(kept && fromAmqpMessage(kept as unknown as ConsumeMessage)).toEqual(dead);
    await connection.close();
    await reader.stop();
  });

  it("is not ready and cannot send after stop; a refused start names AMQP_URL without the password", async () => {
    const transport = rabbit();
    await transport.start();
    expect(await transport.ready()).toBe(true);
    await transport.stop();
    expect(await transport.ready()).toBe(false);
    await expect(transport.send([])).rejects.toThrow("cannot send on the rabbitmq event transport: it was stopped");
    const wrong = new RabbitMqTransport({ url: "amqp://guest:secret@127.0.0.1:1/x", clientId: "t" });
    await expect(wrong.start()).rejects.toThrow(
      /cannot start on the rabbitmq event transport: broker amqp:\/\/guest:\*\*\*@127\.0\.0\.1:1\/x \(AMQP_URL\) is not usable/,
    );
  });
});

describe("amqp message codec", () => {
  const delivery = (envelope: ReturnType<typeof createEnvelope>, extra: Record<string, unknown> = {}) => {
    const { content, options } = toAmqpMessage(envelope);
    return {
      content,
      fields: { deliveryTag: 1, redelivered: true, exchange: "shop", routingKey: envelope.topic, consumerTag: "c" },
      properties: { ...options, headers: { ...options.headers, ...extra } },
    } as unknown as ConsumeMessage;
  };

  it("round-trips an envelope and leaves out the headers RabbitMQ adds", () => {
    const envelope = createEnvelope({
      type: "OrderPlaced",
      topic: "orders.order-placed",
      key: "o1",
      payload: { orderId: "o1" },
      correlationId: "c1",
      headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
    });
    expect(toAmqpMessage(envelope).options).toMatchObject({ persistent: true, messageId: envelope.id });
    expect(fromAmqpMessage(delivery(envelope, { "x-delivery-count": 2 }))).toEqual(envelope);
  });

  it("gives a message the broker dead-lettered the bus's dead-letter headers", () => {
    const envelope = createEnvelope({ type: "T", topic: "orders.order-placed.dlq", payload: { n: 1 } });
    const decoded = fromAmqpMessage(
      delivery(envelope, {
        "x-first-death-reason": "delivery_limit",
        "x-first-death-queue": "shop.billing.orders.order-placed.2",
        "x-delivery-count": 20,
        "x-death": [{ count: 1, reason: "delivery_limit", "routing-keys": ["orders.order-placed"] }],
      }),
    );
    expect(decoded.headers).toEqual({
      [HEADERS.error]: expect.stringContaining("dead-lettered it from queue shop.billing.orders.order-placed.2"),
      [HEADERS.attempts]: "20",
      [HEADERS.originalTopic]: "orders.order-placed",
    });
  });
});
