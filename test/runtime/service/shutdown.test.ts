import { setTimeout as sleep } from "node:timers/promises";
import { Agent, fetch } from "undici";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import type { Cache, DatabaseHandle } from "../../../src/runtime/contracts.js";
import { createService, type HandlerMap } from "../../../src/runtime/service/index.js";
import { Hosts, memoryLogger, product, shopModel } from "./helpers.js";
import { productHandlers } from "./products.js";

let model: Model;
const hosts = new Hosts();
beforeAll(async () => {
  model = await shopModel();
});
afterEach(() => hosts.closeAll());

/** A listProducts that signals when it starts and answers after `ms`. */
function slowList(ms: number): { handlers: HandlerMap; entered: Promise<void> } {
  let enter: () => void = () => {};
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const handlers = productHandlers(undefined, {
    async listProducts() {
      enter();
      await sleep(ms);
      return { status: 200, body: { items: [product()], page: 1, limit: 20, total: 1 } };
    },
  });
  return { handlers, entered };
}

function deps(stopped: string[]) {
  const db: DatabaseHandle = {
    dialect: "pglite",
    db: undefined as never,
    ping: async () => true,
    close: async () => void stopped.push("db"),
  };
  const cache = { kind: "memory", close: async () => void stopped.push("cache") } as unknown as Cache;
  const bus = { ready: async () => true, stop: async () => void stopped.push("bus") };
  return { db, cache, bus, logger: memoryLogger().logger };
}

describe("graceful shutdown", () => {
  it("finishes in-flight requests, refuses new connections, then stops consumers and closes pools", async () => {
    const { handlers, entered } = slowList(300);
    const stopped: string[] = [];
    const host = createService({ model, service: "products" }, handlers, deps(stopped));
    const url = await hosts.start(host);

    const inFlight = fetch(`${url}/products`);
    await entered;
    const closing = host.close();
    expect(host.state()).toEqual({ kind: "stopping" });

    const fresh = new Agent();
    const refused = await fetch(`${url}/healthz`, { dispatcher: fresh }).then(
      () => "connected",
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).toBe("ECONNREFUSED");
    await fresh.close();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get("connection")).toBe("close");
    expect(await response.json()).toMatchObject({ total: 1 });
    await closing;
    expect(host.state()).toEqual({ kind: "stopped" });
    expect(stopped).toEqual(["bus", "db", "cache"]);
  });

  it("gives up on requests that outlast the timeout, closing their connections", async () => {
    const { handlers, entered } = slowList(5_000);
    const log = memoryLogger();
    const host = createService({ model, service: "products", shutdown: { timeoutMs: 200 } }, handlers, {
      logger: log.logger,
    });
    const url = await hosts.start(host);
    const inFlight = fetch(`${url}/products`).then(
      (r) => r.status,
      () => "reset",
    );
    await entered;
    const started = Date.now();
    await host.close();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await inFlight).toBe("reset");
    expect(log.lines().some((l) => l.msg === "shutdown timed out; connections closed")).toBe(true);
  });

  it("shuts down on SIGTERM when asked to, then exits 0", async () => {
    const exits: number[] = [];
    const before = process.listeners("SIGTERM");
    const host = createService(
      { model, service: "products", shutdown: { signals: true, exit: (code) => exits.push(code) } },
      productHandlers(),
      {
        logger: memoryLogger().logger,
      },
    );
    await hosts.start(host);
    const added = process.listeners("SIGTERM").filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    added[0]?.("SIGTERM");
    await expect.poll(() => exits).toEqual([0]);
    expect(host.state()).toEqual({ kind: "stopped" });
    expect(process.listeners("SIGTERM").filter((l) => !before.includes(l))).toEqual([]);
  });

  it("takes a second signal during the shutdown (Ctrl-C to the group, then a supervisor's SIGTERM) without dying, and exits 0 once", async () => {
    const exits: number[] = [];
    const before = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
    const memory = memoryLogger();
    const host = createService(
      { model, service: "products", shutdown: { signals: true, exit: (code) => exits.push(code) } },
      productHandlers(),
      { logger: memory.logger },
    );
    await hosts.start(host);
    const added = (signal: "SIGINT" | "SIGTERM") =>
      process.listeners(signal).filter((l) => !before[signal].includes(l));
    added("SIGINT")[0]?.("SIGINT");
    expect(added("SIGTERM")).toHaveLength(1);
    added("SIGTERM")[0]?.("SIGTERM");
    await expect.poll(() => exits).toEqual([0]);
    expect(memory.lines().map((l) => l.msg)).toEqual(
      expect.arrayContaining(["shutting down", "already shutting down", "stopped"]),
    );
    expect(added("SIGINT")).toEqual([]);
    expect(added("SIGTERM")).toEqual([]);
  });
});
