import type { Cache } from "../contracts.js";
import { checkTtl, decodeValue, encodeValue } from "./values.js";

/** One stored value: its JSON text and expiry time (ms since epoch). */
export interface MemoryCacheEntry {
  readonly text: string;
  readonly expiresAt: number | undefined;
}

/** Where memory caches keep entries; caches that share one behave like services sharing a Redis. */
export type MemoryCacheStore = Map<string, MemoryCacheEntry>;

export interface MemoryCacheOptions {
  /** Prepended to every key, e.g. `shop:orders:`. */
  readonly prefix: string;
  /** TTL when `set` is called without one; no expiry when absent. */
  readonly defaultTtlMs?: number;
  /** Oldest entries are evicted beyond this many (default 10,000). */
  readonly maxEntries?: number;
  readonly store?: MemoryCacheStore;
  /** Clock, for tests (default Date.now). */
  readonly now?: () => number;
}

const SWEEP_INTERVAL_MS = 30_000;

/**
 * An empty store to share between memory caches.
 *
 * @example
 * const store = createMemoryCacheStore();
 * const orders = createCache({ system: "shop", service: "orders", memoryStore: store });
 */
export function createMemoryCacheStore(): MemoryCacheStore {
  return new Map();
}

/**
 * The in-memory TTL cache: values are kept as JSON text (callers never share objects with the
 * cache), expired entries are dropped on read and by a periodic sweep.
 *
 * @example
 * const cache = new MemoryCache({ prefix: "shop:orders:", defaultTtlMs: 300_000 });
 * await cache.set("order:1", { status: "paid" });
 */
export class MemoryCache implements Cache {
  readonly kind = "memory";
  readonly prefix: string;
  private readonly store: MemoryCacheStore;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: MemoryCacheOptions) {
    this.prefix = options.prefix;
    this.store = options.store ?? createMemoryCacheStore();
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const full = this.prefix + key;
    const entry = this.store.get(full);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.store.delete(full);
      return undefined;
    }
    return decodeValue<T>(entry.text);
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const ttl = checkTtl(ttlMs ?? this.options.defaultTtlMs, key);
    const full = this.prefix + key;
    this.store.delete(full);
    this.store.set(full, {
      text: encodeValue(key, value),
      expiresAt: ttl === undefined ? undefined : this.now() + ttl,
    });
    this.evict();
  }

  async delete(key: string): Promise<void> {
    this.store.delete(this.prefix + key);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.store)
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.store.delete(key);
  }

  private evict(): void {
    const max = this.options.maxEntries ?? 10_000;
    for (const key of this.store.keys()) {
      if (this.store.size <= max) return;
      this.store.delete(key);
    }
  }
}
