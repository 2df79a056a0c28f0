import { computeModel } from "../../model/computed/index.js";
import type { Model } from "../../model/index.js";
import type { Cache } from "../contracts.js";
import { MemoryCache, type MemoryCacheStore } from "./memory-cache.js";
import { RedisCache } from "./redis-cache.js";
import { cachePrefix } from "./values.js";

export interface CreateCacheOptions {
  readonly system: string;
  readonly service: string;
  /** Default TTL of `set`; see `cacheTtlMs` for the spec's value. */
  readonly defaultTtlMs?: number;
  /** Redis when set (normally `process.env.REDIS_URL`), in-memory otherwise. */
  readonly redisUrl?: string;
  /** Shared store for memory caches of several services in one process. */
  readonly memoryStore?: MemoryCacheStore;
  readonly onError?: (error: Error) => void;
}

/**
 * The cache of one service: Redis through ioredis when a Redis URL is given, an in-memory TTL
 * cache otherwise. Keys are prefixed `<system>:<service>:`.
 *
 * @example
 * const cache = createCache({ system: "shop", service: "products", redisUrl: process.env.REDIS_URL, defaultTtlMs: cacheTtlMs(model, "products") });
 * await cache.set(`product:${id}`, product);
 */
export function createCache(options: CreateCacheOptions): Cache {
  const prefix = cachePrefix(options.system, options.service);
  const redisUrl = options.redisUrl?.trim();
  if (redisUrl)
    return new RedisCache({ url: redisUrl, prefix, defaultTtlMs: options.defaultTtlMs, onError: options.onError });
  return new MemoryCache({ prefix, defaultTtlMs: options.defaultTtlMs, store: options.memoryStore });
}

/**
 * The cache of a service of the model, chosen by `REDIS_URL`: key prefix from the system and
 * service names, default TTL from the cache store the service uses.
 *
 * @example
 * const cache = cacheFromEnv(process.env, model, "products");
 */
export function cacheFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  model: Model,
  service: string,
  onError?: (error: Error) => void,
): Cache {
  return createCache({
    system: model.system.name,
    service,
    defaultTtlMs: cacheTtlMs(model, service),
    redisUrl: env.REDIS_URL,
    onError,
  });
}

/**
 * The TTL of the cache store a service uses (the shortest, if it uses several); undefined when it uses none.
 *
 * @example
 * cacheTtlMs(model, "products"); // 300000 for `cache: { kind: cache, ttl: 5m }`
 */
export function cacheTtlMs(model: Model, service: string): number | undefined {
  const ttls = (computeModel(model).findService(service)?.cacheStores ?? []).map((s) => s.ttlMs);
  return ttls.length > 0 ? Math.min(...ttls) : undefined;
}
