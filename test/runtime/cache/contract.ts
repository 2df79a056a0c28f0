import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import type { Cache } from "../../../src/runtime/contracts.js";

/** Creates caches for one suite; `raw` reads a full (prefixed) key from the backing store. */
export interface CacheFactory {
  readonly kind: Cache["kind"];
  create(system: string, service: string, defaultTtlMs?: number): Cache;
  raw(fullKey: string): Promise<string | undefined>;
  dispose?(): Promise<void>;
}

/** The contract the memory and Redis caches pass. Call inside a describe block. */
export function cacheContract(factory: CacheFactory): void {
  const system = `t${Math.random().toString(36).slice(2, 10)}`;
  const opened: Cache[] = [];
  const cache = (service = "svc", ttl?: number): Cache => {
    const created = factory.create(system, service, ttl);
    opened.push(created);
    return created;
  };

  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close()));
    await factory.dispose?.();
  });

  it("is the expected kind and answers ping", async () => {
    const c = cache();
    expect(c.kind).toBe(factory.kind);
    expect(await c.ping()).toBe(true);
  });

  it("stores JSON values and returns copies", async () => {
    const c = cache();
    const values: Record<string, unknown> = {
      object: { a: 1, nested: { b: [1, "two", null] } },
      array: [1, 2, 3],
      text: "hello",
      number: 42.5,
      yes: true,
      nothing: null,
    };
    for (const [key, value] of Object.entries(values)) await c.set(`json:${key}`, value);
    for (const [key, value] of Object.entries(values)) expect(await c.get(`json:${key}`)).toEqual(value);
    const got = await c.get<{ a: number }>("json:object");
    got!.a = 99;
    expect(await c.get("json:object")).toEqual(values.object);
    expect(await c.get("json:missing")).toBeUndefined();
  });

  it("refuses values that are not JSON and nonsense TTLs", async () => {
    const c = cache();
    await expect(c.set("bad", undefined)).rejects.toThrow(/cache value for key "bad" is not JSON/);
    await expect(c.set("bad", () => 1)).rejects.toThrow(/not JSON/);
    await expect(c.set("bad", 1, 0)).rejects.toThrow(/must be a positive number of milliseconds, got 0/);
  });

  it("expires entries after their TTL, and uses the default TTL", async () => {
    const c = cache("ttl", 700);
    await c.set("short", "x", 200);
    await c.set("default", "y");
    await c.set("long", "z", 10_000);
    expect(await c.get("short")).toBe("x");
    await sleep(350);
    expect(await c.get("short")).toBeUndefined();
    expect(await c.get("default")).toBe("y");
    await sleep(500);
    expect(await c.get("default")).toBeUndefined();
    expect(await c.get("long")).toBe("z");
  });

  it("overwrites and deletes", async () => {
    const c = cache();
    await c.set("k", 1);
    await c.set("k", 2);
    expect(await c.get("k")).toBe(2);
    await c.delete("k");
    expect(await c.get("k")).toBeUndefined();
    await c.delete("never-set");
  });

  it("prefixes keys with <system>:<service>: so services do not see each other's entries", async () => {
    const orders = cache("orders");
    const users = cache("users");
    await orders.set("profile:1", { owner: "orders" });
    await users.set("profile:1", { owner: "users" });
    expect(await orders.get("profile:1")).toEqual({ owner: "orders" });
    expect(await users.get("profile:1")).toEqual({ owner: "users" });
    expect(await factory.raw(`${system}:orders:profile:1`)).toBe('{"owner":"orders"}');
    await users.delete("profile:1");
    expect(await orders.get("profile:1")).toEqual({ owner: "orders" });
  });
}
