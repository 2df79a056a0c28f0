const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `80ms` -> 80, `1m` -> 60000, `7d` -> 604800000. The schema has already checked the form. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Math.round(Number(match[1]) * DURATION_UNITS[match[2]!]!);
}

export function optionalDuration(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDuration(text);
}

/** `99.9%` -> 99.9 */
export function parsePercentage(text: string): number {
  return Number(text.slice(0, -1));
}

/** Human form of a millisecond figure: 80 -> `80ms`, 1500 -> `1.5s`, 60000 -> `1m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 100) / 100}ms`;
  if (ms < 60_000) return `${Math.round(ms / 10) / 100}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 600) / 100}m`;
  if (ms < 86_400_000) return `${Math.round(ms / 36_000) / 100}h`;
  return `${Math.round(ms / 864_000) / 100}d`;
}

/** `OrderCreated` -> `order-created`, `placeOrder` -> `place-order` */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();
}
