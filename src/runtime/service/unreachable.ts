/**
 * The end of an exhaustive switch: a new union member makes this a type error.
 *
 * @example
 * default: return unreachable(value);
 */
export function unreachable(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
