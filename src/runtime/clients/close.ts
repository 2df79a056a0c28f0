const closers = new WeakMap<object, () => Promise<void>>();

/**
 * Remembers how to release what a clients object holds (connection pool, breaker timers).
 *
 * @example
 * registerCloser(clients, () => agent.close());
 */
export function registerCloser(clients: object, close: () => Promise<void>): void {
  closers.set(clients, close);
}

/**
 * Closes a clients object made by `createClients`; anything else is left alone. The service host
 * calls it on shutdown for `deps.clients`.
 *
 * @example
 * await closeClients(clients);
 */
export async function closeClients(clients: unknown): Promise<void> {
  if (typeof clients !== "object" || clients === null) return;
  const close = closers.get(clients);
  closers.delete(clients);
  if (close) await close();
}
