/** Helpers shared by the cache implementations: key prefixes, TTL checks and JSON encoding. */

/**
 * `<system>:<service>:`, the prefix of every key a service's cache writes.
 *
 * @example
 * cachePrefix("shop", "products"); // "shop:products:"
 */
export function cachePrefix(system: string, service: string): string {
  return `${system}:${service}:`;
}

/** A usable TTL in whole milliseconds, or undefined for "no expiry"; throws on nonsense. */
export function checkTtl(ttlMs: number | undefined, key: string): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw new RangeError(`cache ttl for key "${key}" must be a positive number of milliseconds, got ${ttlMs}`);
  return Math.max(1, Math.round(ttlMs));
}

/** JSON text of a cache value; `undefined`, functions and symbols are not JSON and are refused. */
export function encodeValue(key: string, value: unknown): string {
  const text = value === undefined ? undefined : JSON.stringify(value);
  if (text === undefined)
    throw new TypeError(`cache value for key "${key}" is not JSON (got ${typeof value}); use delete() to remove a key`);
  return text;
}

export function decodeValue<T>(text: string | null | undefined): T | undefined {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as T);
}
