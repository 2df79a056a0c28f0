/** How a spec writes a reference to another of its named schemas: the bare name (`$ref: Order`). */
const NAMED_REF = /^[A-Z][A-Za-z0-9]*$/;

/**
 * The named schema a `$ref` points at, or `undefined` when it is not a bare schema name (a JSON
 * pointer such as `#/$defs/Money`, a URI).
 *
 * @example
 * namedRef("Order") // "Order"
 * namedRef("#/$defs/Money") // undefined
 */
export function namedRef(ref: unknown): string | undefined {
  return typeof ref === "string" && NAMED_REF.test(ref) ? ref : undefined;
}

/**
 * Whether a `$ref` points into the schema it is written in (`#`, `#/$defs/Money`).
 *
 * @example
 * isLocalRef("#/$defs/Money") // true
 */
export function isLocalRef(ref: unknown): ref is string {
  return typeof ref === "string" && ref.startsWith("#");
}
