import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createCache, RedisUrlError } from "../../../src/runtime/cache/index.js";
import { redisServer, suiteTitle } from "../servers.js";
import { cacheContract } from "./contract.js";

const server = await redisServer();

describe.skipIf(!server.ok)(suiteTitle("cache contract: Redis", server), () => {
  const url = server.ok ? server.url : "";
  const reader = server.ok ? new Redis(url) : undefined;
  const systems = new Set<string>();
  cacheContract({
    kind: "redis",
    create: (system, service, defaultTtlMs) => {
      systems.add(system);
      return createCache({ system, service, defaultTtlMs, redisUrl: url });
    },
    raw: async (key) => (await reader!.get(key)) ?? undefined,
    dispose: async () => {
      for (const system of systems) {
        const keys = await reader!.keys(`${system}:*`);
        if (keys.length > 0) await reader!.del(...keys);
      }
      await reader?.quit();
    },
  });

  it("sets a PX expiry in Redis", async () => {
    const cache = createCache({ system: "ttlcheck", service: `s${process.pid}`, redisUrl: url, defaultTtlMs: 60_000 });
    await cache.set("k", 1);
    const ttl = await reader!.pttl(`ttlcheck:s${process.pid}:k`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await cache.delete("k");
    await cache.close();
  });
});

describe("Redis cache configuration", () => {
  it("rejects a REDIS_URL that is not redis:// with one clear line", () => {
    expect(() => createCache({ system: "shop", service: "orders", redisUrl: "http://user:pw@cache:6379" })).toThrow(
      new RedisUrlError(
        'REDIS_URL "http://user:***@cache:6379" is not a Redis URL; expected redis://host:6379 or rediss://host:6380',
      ),
    );
  });

  it("answers ping false when the server is unreachable", async () => {
    const cache = createCache({ system: "shop", service: "orders", redisUrl: "redis://127.0.0.1:1" });
    expect(await cache.ping()).toBe(false);
    await cache.close();
  });
});
