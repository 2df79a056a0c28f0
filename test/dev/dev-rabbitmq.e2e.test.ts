import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODEL_FILE, readModelFile } from "../../src/model/index.js";
import { eventually } from "../examples/shop-system.js";
import { createTestVhost, rabbitmqServer, suiteTitle, type TestVhost } from "../runtime/servers.js";
import { adminToken, copyShop, removeCopy, ROOT, startDev, type DevRun, type DevState } from "./dev-process.js";

const run = promisify(execFile);
const server = await rabbitmqServer();
const model = readModelFile(join(ROOT, "examples", "shop", MODEL_FILE)).model;
let vhost: TestVhost | undefined;
let dev: DevRun | undefined;
let state: DevState;

async function call(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${state.gatewayUrl}${path}`, { method, headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** The vhost's queues: name, ready messages and consumers. */
async function queues(): Promise<{ name: string; ready: number; consumers: number }[]> {
  const args = [
    "--quiet",
    "list_queues",
    "-p",
    vhost!.name,
    "name",
    "messages_ready",
    "consumers",
    "--no-table-headers",
  ];
  const { stdout } = await run("rabbitmqctl", args, { timeout: 60_000 });
  return stdout
    .trim()
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/\s+/))
    .map(([name, ready, consumers]) => ({ name: name!, ready: Number(ready), consumers: Number(consumers) }));
}

describe.skipIf(!server.ok)(suiteTitle("archkit dev --broker amqp://... on the example shop", server), () => {
  beforeAll(async () => {
    if (!server.ok) return;
    vhost = await createTestVhost(server.url);
    dev = startDev(await copyShop(), ["--free-ports", "--no-watch", "--broker", vhost.url]);
    state = await dev.state(undefined, 150_000);
  }, 180_000);

  afterAll(async () => {
    if (dev?.child.exitCode === null) await dev.stop();
    if (dev) await removeCopy(dev.dir);
    await vhost?.delete();
  }, 60_000);

  it("starts every service on RabbitMQ: each consumer's shard queues exist in the vhost, with a consumer", async () => {
    expect(dev!.output()).toMatch(/✔ Shop Platform ready in \d+\.\d s/);
    const names = (await queues()).map((q) => q.name);
    for (const service of model.services)
      for (const consumer of service.consumers) {
        const topic = model.events.find((e) => e.id === consumer.event)!.topic;
        expect(names, `${service.id} consumes ${topic}`).toContain(`shop.${service.id}.${topic}.0`);
      }
    // Replicas share a consumer group's shards by rebalancing about once a second: wait for it to settle.
    await eventually(
      "every shard queue with exactly one consumer",
      async () => {
        const shards = (await queues()).filter((q) => /\.\d+$/.test(q.name));
        return shards.length > 0 && shards.every((q) => q.consumers === 1) ? true : undefined;
      },
      15_000,
    );
  }, 30_000);

  it("plays the order flow with every event delivered over RabbitMQ, none through the embedded broker", async () => {
    const registration = model.flows.find((f) => f.id === "userRegistration")!.example!.body as any;
    const registered = await call("POST", "/users", registration);
    expect(registered.status).toBe(201);
    const login = await call("POST", "/auth/login", { email: registration.email, password: registration.password });
    expect(login.status).toBe(200);
    const order = model.flows.find((f) => f.id === "orderProcessing")!.example!.body;
    const placed = await call("POST", "/orders", order, login.body.accessToken);
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe("paid");
    const admin = await adminToken(dev!.dir);
    const sent = await eventually("the order confirmation, sent by a consumer", async () => {
      const list = (await call("GET", `/notifications?recipientId=${registered.body.id}`, undefined, admin)).body as {
        items: { template: string; status: string }[];
      };
      return list.items.some((n) => n.template === "order-confirmation" && n.status === "sent")
        ? list.items
        : undefined;
    });
    expect(sent.map((n) => n.template)).toContain("order-confirmation");
    const embedded = (await (await fetch(`${state.inspector}/events`)).json()) as unknown[];
    expect(embedded).toEqual([]);
    await eventually(
      "every shard queue drained",
      async () =>
        (await queues()).filter((q) => /\.\d+$/.test(q.name)).every((q) => q.ready === 0) ? true : undefined,
      30_000,
    );
  }, 90_000);

  it("stops cleanly on Ctrl-C", async () => {
    expect(await dev!.stop()).toBe(0);
    expect(dev!.output()).toContain("✔ stopped cleanly");
  }, 60_000);
});
