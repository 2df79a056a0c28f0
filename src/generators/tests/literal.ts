/**
 * A JSON value as TypeScript source: on one line when short, else indented two spaces per level
 * and continuing at `indent`. Key order is the value's own, so equal inputs give equal text.
 *
 * @example
 * literal({ params: {}, body: { quantity: 1 } }, "    ") // '{ "params": {}, "body": { "quantity": 1 } }'
 */
export function literal(value: unknown, indent: string): string {
  const compact = oneLine(value);
  if (compact.length + indent.length <= 120) return compact;
  return JSON.stringify(value, null, 2).split("\n").join(`\n${indent}`);
}

function oneLine(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[${value.map(oneLine).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0
      ? "{}"
      : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A string as a TypeScript string literal. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
