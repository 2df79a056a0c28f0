import type { Endpoint } from "../../model/index.js";
import { unreachable } from "./unreachable.js";

type Segment = { readonly kind: "literal"; readonly text: string } | { readonly kind: "param"; readonly name: string };

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
  const left = segments(a);
  const right = segments(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (!x || !y || x.kind === y.kind) continue;
    return x.kind === "literal" ? -1 : 1;
  }
  return 0;
}

function segments(path: string): Segment[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((s): Segment => {
      const match = /^\{([^}]*)\}$/.exec(s);
      return match ? { kind: "param", name: match[1] ?? "" } : { kind: "literal", text: s };
    });
}

/**
 * The Express 5 path of a spec path: `{name}` becomes `:name`, characters path-to-regexp reserves
 * are escaped in literal segments.
 *
 * @example
 * expressPath("/orders/{orderId}/shipment") // "/orders/:orderId/shipment"
 */
export function expressPath(path: string): string {
  const parts = segments(path).map((s) => {
    switch (s.kind) {
      case "literal":
        return s.text.replace(/[()[\]{}*?+!:\\]/g, (c) => `\\${c}`);
      case "param":
        return /^[A-Za-z_$][\w$]*$/.test(s.name) ? `:${s.name}` : `:"${s.name}"`;
      default:
        return unreachable(s);
    }
  });
  return `/${parts.join("/")}`;
}

/**
 * A matcher for a spec path (any parameter value, optional trailing slash), used to tell a wrong
 * method (405) from an unknown path (404).
 *
 * @example
 * pathMatcher("/orders/{orderId}").test("/orders/42") // true
 */
export function pathMatcher(path: string): RegExp {
  const body = segments(path)
    .map((s) => (s.kind === "literal" ? escapeRegExp(s.text) : "[^/]+"))
    .join("/");
  return new RegExp(`^/${body}/?$`);
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
