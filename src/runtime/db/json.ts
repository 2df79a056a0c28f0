declare const jsonOf: unique symbol;

/**
 * A value serialized for a json or jsonb column; only `json(value)` makes one, so its type is
 * known. The generated row types read such a column as the parsed value and take `JsonText` of
 * it on insert and update: serializing in the handler keeps arrays intact on every driver (pg
 * would send a JavaScript array as a PostgreSQL array).
 */
export type JsonText<T> = string & { readonly [jsonOf]: T };

/**
 * The value as JSON text for a json/jsonb column, typed by the value.
 *
 * @example
 * await db.insertInto("orders").values({ id, shippingAddress: json(address) }).execute();
 * const row = await db.selectFrom("orders").select("shippingAddress").executeTakeFirstOrThrow();
 * row.shippingAddress.city; // Address, parsed
 */
export function json<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}
