import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeModel, type ComputedModel } from "../../../src/model/index.js";
import {
  createEnvelope,
  modelTopics,
  RabbitMqTransport,
  rabbitmqPermissions,
} from "../../../src/runtime/events/index.js";
import { specModel } from "../service/helpers.js";
import { createTestVhost, rabbitmqServer, suiteTitle, type TestVhost } from "../servers.js";
import { Inbox } from "./fixture.js";

const run = promisify(execFile);
const server = await rabbitmqServer();
const model = specModel(`archkit: 1
system: { name: perm, title: Permissions }
services:
  orders:
    endpoints:
      place: { method: POST, path: /orders, responses: { 201: ~ }, publishes: [OrderPlaced] }
  stock:
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
    consumes:
      OrderPlaced: { handler: reserve, deadLetter: true, publishes: [StockLow] }
events:
  OrderPlaced: { schema: { type: object }, key: id, partitions: 2 }
  StockLow: { schema: { type: object }, partitions: 2 }
`);
const computed: ComputedModel = computeModel(model);
let vhost: TestVhost | undefined;
const users: string[] = [];
const opened: { stop(): Promise<void> }[] = [];

/** A RabbitMQ user for `service` in the test vhost, with exactly the permissions archkit derives. */
async function userFor(service: string): Promise<string> {
  const name = `perm_${service}_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  const permissions = rabbitmqPermissions(computed.service(service).needs.broker!, model.system.name);
  await rabbitmqctl("add_user", name, password);
  users.push(name);
  await rabbitmqctl(
    "set_permissions",
    "-p",
    vhost!.name,
    name,
    permissions.configure,
    permissions.write,
    permissions.read,
  );
  await rabbitmqctl(
    "set_topic_permissions",
    "-p",
    vhost!.name,
    name,
    model.system.name,
    permissions.topicWrite,
    permissions.topicRead,
  );
  const url = new URL(vhost!.url);
  url.username = name;
  url.password = password;
  return url.toString();
}

async function rabbitmqctl(...args: string[]): Promise<void> {
  await run("rabbitmqctl", ["--quiet", ...args], { timeout: 60_000 });
}

function transport(url: string, clientId: string): RabbitMqTransport {
  const made = new RabbitMqTransport({
    url,
    clientId,
    exchange: model.system.name,
    topics: modelTopics(model),
    rebalanceMs: 100,
    reconnect: { minMs: 50, maxMs: 200 },
    sendTimeoutMs: 3_000,
  });
  opened.push(made);
  return made;
}

/** What the broker says when `url`'s user publishes to `topic` on the system exchange. */
async function publishAs(url: string, topic: string): Promise<string> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    const closed = new Promise<string>((resolve) => channel.once("error", (e: Error) => resolve(e.message)));
    channel.publish(model.system.name, topic, Buffer.from("{}"));
    const confirmed = channel.waitForConfirms().then(() => "confirmed");
    return await Promise.race([closed, confirmed.catch(() => closed)]);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

beforeAll(async () => {
  if (server.ok) vhost = await createTestVhost(server.url);
}, 60_000);
afterAll(async () => {
  for (const t of opened.splice(0)) await t.stop().catch(() => undefined);
  for (const user of users) await rabbitmqctl("delete_user", user).catch(() => undefined);
  await vhost?.delete();
}, 60_000);

describe.skipIf(!server.ok)(
  suiteTitle("RabbitMQ users per service, with the permissions the spec gives", server),
  () => {
    it("let each service publish and consume what the spec declares, and refuse another service's event", async () => {
      const ordersUrl = await userFor("orders");
      const stockUrl = await userFor("stock");
      const inbox = new Inbox();
      const consumer = transport(stockUrl, "perm-stock");
      await consumer.subscribe({
        topic: computed.event("OrderPlaced").topic,
        group: "perm.stock",
        handler: inbox.handler,
      });
      await consumer.start();
      const publisher = transport(ordersUrl, "perm-orders");
      await publisher.start();
      const placed = createEnvelope({
        type: "OrderPlaced",
        topic: computed.event("OrderPlaced").topic,
        payload: { id: "o1" },
        key: "o1",
      });
      await publisher.send([placed]);
      await inbox.until((received) => received.some((e) => e.id === placed.id));

      const stockLow = computed.event("StockLow").topic;
      expect(await publishAs(ordersUrl, stockLow)).toMatch(/403 \(ACCESS-REFUSED\).*access to topic 'stock.stock-low'/);
      expect(await publishAs(stockUrl, stockLow)).toBe("confirmed");
      expect(await publishAs(stockUrl, computed.event("OrderPlaced").topic)).toMatch(/403 \(ACCESS-REFUSED\)/);
    }, 60_000);

    it("refuse a service's user the queues of another service's consumer group", async () => {
      const ordersUrl = await userFor("orders");
      const intruder = transport(ordersUrl, "perm-intruder");
      await intruder.subscribe({
        topic: computed.event("OrderPlaced").topic,
        group: "perm.stock",
        handler: async () => undefined,
      });
      await expect(intruder.start()).rejects.toThrow(/ACCESS_REFUSED/);
    }, 60_000);
  },
);
