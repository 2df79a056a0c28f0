import type { QueryValue } from "./types.js";

/**
 * A full URL: base, the path with `{name}` segments filled in (encoded), and the query string
 * (arrays repeat the key, `undefined` is left out).
 *
 * @example
 * buildUrl("http://products:3000", "/products/{productId}", { productId: "p1" }, { expand: true }, "products.getProduct")
 * // "http://products:3000/products/p1?expand=true"
 */
export function buildUrl(
  base: string,
  path: string,
  params: Readonly<Record<string, string | number>>,
  query: Readonly<Record<string, QueryValue>> | undefined,
  call: string,
): string {
  const filled = path.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${call} needs the path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  const text = search.toString();
  const slash = filled.startsWith("/") ? "" : "/";
  return `${base}${slash}${filled}${text === "" ? "" : `?${text}`}`;
}
