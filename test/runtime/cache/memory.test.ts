import { describe, expect, it } from "vitest";
import { cacheTtlMs, createCache, createMemoryCacheStore, MemoryCache } from "../../../src/runtime/cache/index.js";
import { shopModel } from "../db/shop.js";
import { cacheContract } from "./contract.js";

describe("cache contract: memory", () => {
  const store = createMemoryCacheStore();
  cacheContract({
    kind: "memory",
    create: (system, service, defaultTtlMs) => createCache({ system, service, defaultTtlMs, memoryStore: store }),
    raw: async (key) => store.get(key)?.text,
  });
});

describe("memory cache", () => {
  it("is chosen when no Redis URL is given", async () => {
    const cache = createCache({ system: "shop", service: "orders", redisUrl: "  " });
    expect(cache.kind).toBe("memory");
    await cache.close();
  });

  it("evicts the oldest entries beyond its size limit", async () => {
    const cache = new MemoryCache({ prefix: "p:", maxEntries: 3 });
    for (const key of ["a", "b", "c", "d"]) await cache.set(key, key);
    expect(await cache.get("a")).toBeUndefined();
    expect(await cache.get("d")).toBe("d");
    await cache.close();
  });

  it("takes the TTL of the cache store the service uses from the model", async () => {
    const model = await shopModel();
    expect(cacheTtlMs(model, "products")).toBe(300_000);
    expect(cacheTtlMs(model, "orders")).toBeUndefined();
  });
});

describe("cache from the environment", () => {
  it("uses memory without REDIS_URL, prefixed and with the model's TTL", async () => {
    const { cacheFromEnv } = await import("../../../src/runtime/cache/index.js");
    const cache = cacheFromEnv({}, await shopModel(), "products") as MemoryCache;
    expect(cache.kind).toBe("memory");
    expect(cache.prefix).toBe("shop:products:");
    await cache.close();
  });
});
