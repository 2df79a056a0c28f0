export { cacheFromEnv, cacheTtlMs, createCache } from "./create.js";
export type { CreateCacheOptions } from "./create.js";
export { MemoryCache, createMemoryCacheStore } from "./memory-cache.js";
export type { MemoryCacheEntry, MemoryCacheOptions, MemoryCacheStore } from "./memory-cache.js";
export { RedisCache, RedisUrlError } from "./redis-cache.js";
export type { RedisCacheOptions } from "./redis-cache.js";
export { cachePrefix } from "./values.js";
