import { describe, expect, it } from "vitest";
import {
  createEnvelope,
  MemoryBroker,
  MemoryTransport,
  TransportStateError,
} from "../../../src/runtime/events/index.js";
import { Inbox, sleep } from "./fixture.js";
import { transportContract } from "./transport-contract.js";

describe("transport contract: memory", () => {
  const broker = new MemoryBroker({ redeliveryDelayMs: 5 });
  transportContract({ create: () => new MemoryTransport({ broker }), settle: async () => undefined, quietMs: 50 });
});

describe("memory transport", () => {
  it("lets services on the same broker talk, and a late group reads from the oldest kept event", async () => {
    const broker = new MemoryBroker();
    const orders = new MemoryTransport({ broker });
    await orders.start();
    const early = createEnvelope({ type: "T", topic: "t", payload: { n: 1 } });
    await orders.send([early]);
    const inbox = new Inbox();
    const notifications = new MemoryTransport({ broker });
    await notifications.subscribe({ topic: "t", group: "late", handler: inbox.handler });
    await notifications.start();
    await inbox.until((r) => r.length === 1);
    expect(inbox.ids()).toEqual([early.id]);
    await Promise.all([orders.stop(), notifications.stop()]);
  });

  it("delivers JSON copies: consumers cannot change what other groups see", async () => {
    const broker = new MemoryBroker();
    const transport = new MemoryTransport({ broker });
    const seen: unknown[] = [];
    await transport.subscribe({
      topic: "t",
      group: "a",
      handler: async (e) => {
        expect(() => ((e.payload as { n: number }).n = 2)).toThrow(TypeError);
      },
    });
    await transport.subscribe({ topic: "t", group: "b", handler: async (e) => void seen.push(e.payload) });
    await transport.start();
    const payload = { n: 1, at: new Date(0) };
    await transport.send([createEnvelope({ type: "T", topic: "t", payload })]);
    await sleep(20);
    expect(seen).toEqual([{ n: 1, at: "1970-01-01T00:00:00.000Z" }]);
    expect(Object.isFrozen(payload)).toBe(false);
    await transport.stop();
  });

  it("refuses a second subscription of the same topic and group, and use after stop", async () => {
    const transport = new MemoryTransport({ broker: new MemoryBroker() });
    await transport.subscribe({ topic: "t", group: "g", handler: async () => undefined });
    await expect(transport.subscribe({ topic: "t", group: "g", handler: async () => undefined })).rejects.toThrow(
      new TransportStateError("memory", "subscribe", "topic t is already subscribed for group g on this transport"),
    );
    await transport.start();
    await transport.stop();
    expect(await transport.ready()).toBe(false);
    await expect(transport.send([])).rejects.toThrow("cannot send on the memory event transport: it was stopped");
    await expect(transport.start()).rejects.toThrow(/create a new transport/);
  });

  it("keeps at most retainPerPartition events for a topic nobody consumes", async () => {
    const broker = new MemoryBroker({ partitions: 1, retainPerPartition: 3 });
    const transport = new MemoryTransport({ broker });
    await transport.start();
    const sent = Array.from({ length: 5 }, (_, n) => createEnvelope({ type: "T", topic: "t", payload: { n } }));
    await transport.send(sent);
    const inbox = new Inbox();
    const reader = new MemoryTransport({ broker });
    await reader.subscribe({ topic: "t", group: "g", handler: inbox.handler });
    await reader.start();
    await inbox.until((r) => r.length === 3);
    expect(inbox.ids()).toEqual(sent.slice(2).map((e) => e.id));
    await Promise.all([transport.stop(), reader.stop()]);
  });
});
