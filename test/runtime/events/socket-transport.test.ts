import { afterAll, describe, expect, it } from "vitest";
import {
  createEnvelope,
  createTransport,
  MemoryBroker,
  serveBroker,
  SocketTransport,
  TransportConfigError,
  transportConfigFromEnv,
  type BrokerServer,
} from "../../../src/runtime/events/index.js";
import { Inbox, sleep } from "./fixture.js";
import { transportContract } from "./transport-contract.js";

const servers: BrokerServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe("transport contract: socket (embedded broker served to other processes)", async () => {
  const server = await serveBroker({ broker: new MemoryBroker({ redeliveryDelayMs: 5 }) });
  servers.push(server);
  transportContract({
    create: () => new SocketTransport({ url: server.url }),
    settle: async () => undefined,
    quietMs: 50,
  });
});

describe("socket transport", () => {
  it("is chosen by ARCHKIT_BROKER_URL, after KAFKA_BROKERS, and a malformed URL is a clear error", () => {
    expect(transportConfigFromEnv({ ARCHKIT_BROKER_URL: "tcp://127.0.0.1:4100" }, { clientId: "x" })).toEqual({
      kind: "socket",
      url: "tcp://127.0.0.1:4100",
    });
    expect(
      transportConfigFromEnv({ ARCHKIT_BROKER_URL: "tcp://127.0.0.1:4100", KAFKA_BROKERS: "k:9092" }, { clientId: "x" })
        .kind,
    ).toBe("kafka");
    expect(() => transportConfigFromEnv({ ARCHKIT_BROKER_URL: "127.0.0.1:4100" }, { clientId: "x" })).toThrow(
      TransportConfigError,
    );
    expect(() => transportConfigFromEnv({ ARCHKIT_BROKER_URL: "http://x" }, { clientId: "x" })).toThrow(
      /not tcp:\/\/host:port/,
    );
    expect(createTransport({ kind: "socket", url: "tcp://127.0.0.1:1" }).kind).toBe("socket");
  });

  it("says which address it cannot reach", async () => {
    const transport = new SocketTransport({ url: "tcp://127.0.0.1:1" });
    await expect(transport.start()).rejects.toThrow(/cannot reach the event broker at tcp:\/\/127\.0\.0\.1:1/);
  });

  it("redelivers to another member of the group when a consumer's process goes away mid-delivery", async () => {
    const server = await serveBroker({ broker: new MemoryBroker({ redeliveryDelayMs: 5, partitions: 1 }) });
    servers.push(server);
    let release: () => void = () => undefined;
    const stuck = new Transport(server.url);
    await stuck.t.subscribe({
      topic: "t",
      group: "g",
      handler: () => new Promise<void>((resolve) => (release = resolve)),
    });
    await stuck.t.start();
    const producer = new Transport(server.url);
    await producer.t.start();
    const event = createEnvelope({ type: "T", topic: "t", key: "k", payload: { n: 1 } });
    await producer.t.send([event]);
    await sleep(30);
    const inbox = new Inbox();
    const healthy = new Transport(server.url);
    await healthy.t.subscribe({ topic: "t", group: "g", handler: inbox.handler });
    await healthy.t.start();
    stuck.kill();
    await inbox.until((r) => r.length === 1);
    expect(inbox.ids()).toEqual([event.id]);
    release();
    await Promise.all([producer.t.stop(), healthy.t.stop()]);
  });
});

class Transport {
  readonly t: SocketTransport;
  constructor(url: string) {
    this.t = new SocketTransport({ url });
  }
  kill(): void {
    (this.t as unknown as { socket: { destroy(): void } }).socket.destroy();
  }
}
