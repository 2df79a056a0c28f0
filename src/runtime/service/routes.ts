import type { Endpoint } from "../../model/index.js";
import { pathSegments } from "../../model/path-template.js";

/**
 * Endpoints in routing order: at the first segment where two paths differ, a literal segment
 * comes before a parameter, so `/products/search` wins over `/products/{productId}`.
 * Otherwise the spec order is kept.
 *
 * @example
 * orderRoutes(service.endpoints).map((e) => e.path) // ["/products/search", "/products/{productId}"]
 */
export function orderRoutes<T extends Pick<Endpoint, "path">>(endpoints: readonly T[]): T[] {
  return [...endpoints].sort((a, b) => compareRoutes(a.path, b.path));
}

function compareRoutes(a: string, b: string): number {
  const left = pathSegments(a);
  const right = pathSegments(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (!x || !y || x.kind === y.kind) continue;
    return x.kind === "literal" ? -1 : 1;
  }
  return 0;
}

/** A route as far as 404 and 405 are concerned. */
export interface RouteShape {
  readonly method: string;
  readonly matcher: RegExp;
}

/**
 * The methods some route accepts on `path` (HEAD with GET); empty when no route has that path.
 *
 * @example
 * allowedMethods(routes, "/orders") // ["GET", "HEAD", "POST"]
 */
export function allowedMethods(routes: readonly RouteShape[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (!route.matcher.test(path)) continue;
    methods.add(route.method);
    if (route.method === "GET") methods.add("HEAD");
  }
  return [...methods].sort();
}
