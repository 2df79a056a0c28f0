import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded on first use instead of when the runtime is imported: a service that never
 * talks to Kafka, Redis or a PostgreSQL server does not pay for loading their clients.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
