import type { QueryValue } from "./types.js";

/**
 * A full URL: base, a concrete path and the query string (arrays repeat the key, `undefined` is
 * left out).
 *
 * @example
 * buildUrl("http://products:3000", fillPath("/products/{productId}", { productId: "p1" }), { expand: true })
 * // "http://products:3000/products/p1?expand=true"
 */
export function buildUrl(base: string, path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  const text = search.toString();
  const slash = path.startsWith("/") ? "" : "/";
  return `${base}${slash}${path}${text === "" ? "" : `?${text}`}`;
}
