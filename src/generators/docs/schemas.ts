import type { JsonSchema, SchemaUse } from "../../model/index.js";
import type { ComputedModel } from "../../model/index.js";
import { namedRef } from "../../model/schema-ref.js";

/** A schema with every bare `$ref: Name` pointing into `components/schemas` of an OpenAPI or AsyncAPI document. */
export function withComponentRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withComponentRefs);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      const name = key === "$ref" ? namedRef(value) : undefined;
      return [key, name !== undefined ? componentRef(name) : withComponentRefs(value)];
    }),
  );
}

export function componentRef(name: string): string {
  return `#/components/schemas/${name}`;
}

/** The schema to embed for a use: a `$ref` to a named schema, or the inline schema with its refs rewritten. */
export function schemaForUse(use: SchemaUse): JsonSchema {
  return use.kind === "named" ? { $ref: componentRef(use.name) } : (withComponentRefs(use.schema) as JsonSchema);
}

/** Every named schema the uses reach, following refs transitively, sorted by name. */
export function reachableSchemas(computed: ComputedModel, uses: readonly SchemaUse[]): [string, JsonSchema][] {
  const found = new Map<string, JsonSchema>();
  const visit = (name: string) => {
    const named = computed.schema(name);
    if (!named || found.has(name)) return;
    found.set(name, named.schema);
    for (const ref of refsIn(named.schema)) visit(ref);
  };
  for (const use of uses) {
    if (use.kind === "named") visit(use.name);
    else for (const ref of refsIn(use.schema)) visit(ref);
  }
  return [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, schema]) => [name, withComponentRefs(schema) as JsonSchema]);
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const name = key === "$ref" ? namedRef(value) : undefined;
    return name !== undefined ? [name] : refsIn(value);
  });
}
