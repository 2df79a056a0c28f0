import type { Redis } from "ioredis";
import { lazyPackage } from "../lazy.js";

const ioredis = lazyPackage<typeof import("ioredis")>("ioredis");
import type { Cache } from "../contracts.js";
import { checkTtl, decodeValue, encodeValue } from "./values.js";
import { ArchkitError } from "../../model/errors.js";

export interface RedisCacheOptions {
  /** `redis://` or `rediss://` URL. */
  readonly url: string;
  /** Prepended to every key, e.g. `shop:orders:`. */
  readonly prefix: string;
  /** TTL when `set` is called without one; no expiry when absent. */
  readonly defaultTtlMs?: number;
  /** Called for connection errors (ioredis reconnects by itself); ignored when absent. */
  readonly onError?: (error: Error) => void;
}

/** A `REDIS_URL` the runtime cannot use; the message is meant for the user as is. */
export class RedisUrlError extends ArchkitError {
  override readonly name = "RedisUrlError";
  override readonly code = "redis-url";
}

/**
 * The Redis cache (ioredis): JSON values under `<prefix><key>`, TTLs as `PX`.
 *
 * @example
 * const cache = new RedisCache({ url: "redis://cache:6379", prefix: "shop:products:", defaultTtlMs: 300_000 });
 * await cache.set("product:1", product);
 */
export class RedisCache implements Cache {
  readonly kind = "redis";
  readonly prefix: string;
  private readonly redis: Redis;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: RedisCacheOptions) {
    checkRedisUrl(options.url);
    this.prefix = options.prefix;
    this.redis = new (ioredis().Redis)(options.url, { maxRetriesPerRequest: 2, connectTimeout: 5_000 });
    this.redis.on("error", (error: Error) => options.onError?.(error));
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    return decodeValue<T>(await this.redis.get(this.prefix + key));
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const ttl = checkTtl(ttlMs ?? this.options.defaultTtlMs, key);
    const text = encodeValue(key, value);
    if (ttl === undefined) await this.redis.set(this.prefix + key, text);
    else await this.redis.set(this.prefix + key, text, "PX", ttl);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    this.closed ??= this.redis.quit().then(
      () => undefined,
      () => this.redis.disconnect(),
    );
    return this.closed;
  }
}

function checkRedisUrl(url: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url.trim())?.[1]?.toLowerCase();
  if (scheme === "redis" || scheme === "rediss") return;
  const shown = url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
  throw new RedisUrlError(`REDIS_URL "${shown}" is not a Redis URL; expected redis://host:6379 or rediss://host:6380`);
}
