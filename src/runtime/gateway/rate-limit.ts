import { rateLimit, type RateLimitRequestHandler, type Store } from "express-rate-limit";
import type { Redis } from "ioredis";
import type { RedisReply } from "rate-limit-redis";
import { formatDuration } from "../../model/units.js";
import { lazyPackage } from "../lazy.js";
import { HttpProblem } from "../service/problem.js";

const ioredis = lazyPackage<typeof import("ioredis")>("ioredis");
const rateLimitRedis = lazyPackage<typeof import("rate-limit-redis")>("rate-limit-redis");

export interface RateLimitOptions {
  readonly requests: number;
  readonly perMs: number;
  /** Share counts between gateway replicas through Redis. */
  readonly redisUrl?: string;
  /** Key prefix in Redis. */
  readonly prefix: string;
  /** A store of your own (beats `redisUrl`). */
  readonly store?: Store;
}

export interface RateLimiter {
  readonly middleware: RateLimitRequestHandler;
  /** Redis ping when Redis-backed. */
  readonly ready: () => Promise<boolean>;
  readonly close: () => Promise<void>;
}

/**
 * express-rate-limit per client address: `RateLimit` headers on every answer, 429 problem+json with
 * `Retry-After` past the limit. Counts live in Redis when `redisUrl` is given, in memory otherwise.
 *
 * @example
 * const limiter = createRateLimiter({ requests: 100, perMs: 60_000, redisUrl: process.env.REDIS_URL, prefix: "shop:rl:" });
 * app.use(limiter.middleware);
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const redis =
    options.store || options.redisUrl === undefined
      ? undefined
      : new (ioredis().Redis)(options.redisUrl, { maxRetriesPerRequest: 2 });
  const store = options.store ?? (redis ? redisStore(redis, options.prefix) : undefined);
  const window = formatDuration(options.perMs);
  const middleware = rateLimit({
    windowMs: options.perMs,
    limit: options.requests,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    ...(store ? { store } : {}),
    handler: (_req, _res, next) =>
      next(
        new HttpProblem(429, "Too Many Requests", `at most ${options.requests} requests per ${window}; retry later`),
      ),
  });
  return {
    middleware,
    ready: async () => (redis ? (await redis.ping()) === "PONG" : true),
    close: async () => {
      if (redis) await redis.quit();
    },
  };
}

function redisStore(redis: Redis, prefix: string): Store {
  return new (rateLimitRedis().RedisStore)({
    prefix,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
}
