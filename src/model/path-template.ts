import { ArchkitError } from "./errors.js";
/**
 * Path templates as the spec writes them (`/orders/{orderId}/lines/{line}`): the one place that
 * parses, fills, matches and converts them.
 */

export type PathSegment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "param"; readonly name: string };

/** A template could not be filled: a parameter is missing or empty. */
export class PathFillError extends ArchkitError {
  override readonly name = "PathFillError";
  override readonly code = "path-parameter";
}

const PARAM = /^\{([^}]*)\}$/;

/**
 * The segments of a template; empty segments (a trailing or doubled `/`) are dropped.
 *
 * @example
 * pathSegments("/orders/{orderId}") // [{ kind: "literal", text: "orders" }, { kind: "param", name: "orderId" }]
 */
export function pathSegments(template: string): PathSegment[] {
  return template
    .split("/")
    .filter((s) => s !== "")
    .map((s): PathSegment => {
      const match = PARAM.exec(s);
      return match ? { kind: "param", name: match[1] ?? "" } : { kind: "literal", text: s };
    });
}

/**
 * The parameter names of a template, in order.
 *
 * @example
 * pathParams("/orders/{orderId}/lines/{line}") // ["orderId", "line"]
 */
export function pathParams(template: string): string[] {
  return pathSegments(template).flatMap((s) => (s.kind === "param" ? [s.name] : []));
}

/**
 * The concrete path: every `{name}` replaced by its value, percent-encoded, so a value may hold
 * `/`, `%` or any character. Throws a `PathFillError` for a missing or empty value.
 *
 * @example
 * fillPath("/products/{productId}", { productId: "a/b" }) // "/products/a%2Fb"
 */
export function fillPath(template: string, params: Readonly<Record<string, string | number>>, what = template): string {
  const parts = pathSegments(template).map((s) => {
    if (s.kind === "literal") return s.text;
    const value = params[s.name];
    if (value === undefined || value === "")
      throw new PathFillError(`${what} needs the path parameter "${s.name}"${value === "" ? " (it is empty)" : ""}`);
    return encodeURIComponent(String(value));
  });
  return `/${parts.join("/")}`;
}

/**
 * The parameters of a concrete path that matches the template (decoded; an optional trailing
 * slash), or `undefined` when it does not match.
 *
 * @example
 * matchPath("/orders/{orderId}", "/orders/42") // { orderId: "42" }
 */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const match = pathPattern(template).exec(path);
  if (!match) return undefined;
  const names = pathParams(template);
  const params: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    try {
      params[name] = decodeURIComponent(match[i + 1] ?? "");
    } catch {
      return undefined;
    }
  }
  return params;
}

/**
 * A regular expression for the concrete paths of a template (one non-empty segment per
 * parameter, an optional trailing slash); group `i` holds parameter `i`, still encoded.
 *
 * @example
 * pathPattern("/orders/{orderId}").test("/orders/42/") // true
 */
export function pathPattern(template: string): RegExp {
  const body = pathSegments(template)
    .map((s) => (s.kind === "literal" ? escapeRegExp(s.text) : "([^/]+)"))
    .join("/");
  return new RegExp(`^/${body}/?$`);
}

/**
 * The template as an OpenAPI path: `{name}` kept, a trailing or doubled `/` dropped.
 *
 * @example
 * openApiPath("/orders/{orderId}/") // "/orders/{orderId}"
 */
export function openApiPath(template: string): string {
  return `/${pathSegments(template)
    .map((s) => (s.kind === "literal" ? s.text : `{${s.name}}`))
    .join("/")}`;
}

/**
 * The Express 5 path of a template: `{name}` becomes `:name`, characters path-to-regexp reserves
 * are escaped in literal segments.
 *
 * @example
 * expressPath("/orders/{orderId}/shipment") // "/orders/:orderId/shipment"
 */
export function expressPath(template: string): string {
  const parts = pathSegments(template).map((s) =>
    s.kind === "literal"
      ? s.text.replace(/[()[\]{}*?+!:\\]/g, (c) => `\\${c}`)
      : /^[A-Za-z_$][\w$]*$/.test(s.name)
        ? `:${s.name}`
        : `:"${s.name}"`,
  );
  return `/${parts.join("/")}`;
}

/**
 * The template with parameter names left out, so two templates that route the same requests
 * have the same shape (`/orders/{id}` and `/orders/{orderId}/`).
 *
 * @example
 * routeShape("/orders/{orderId}/") // "/orders/{}"
 */
export function routeShape(template: string): string {
  return `/${pathSegments(template)
    .map((s) => (s.kind === "literal" ? s.text : "{}"))
    .join("/")}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
