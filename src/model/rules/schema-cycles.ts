import type { JsonSchema } from "../model.js";
import { namedRef } from "../schema-ref.js";
import type { Path } from "../source.js";
import type { Rule } from "./context.js";

/** Keywords that apply a subschema to the same value, so a `$ref` under them does not go deeper. */
const SAME_VALUE_LISTS = ["allOf", "anyOf", "oneOf"];
const SAME_VALUE_SCHEMAS = ["not", "if", "then", "else"];

/** A `$ref` to a named schema that applies to the same value as the schema it is written in. */
interface InPlaceRef {
  readonly target: string;
  readonly at: Path;
}

/** The named schemas `schema` applies to its own value, each with where its `$ref` is written. */
function inPlaceRefs(schema: unknown, at: Path = []): InPlaceRef[] {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return [];
  const node = schema as JsonSchema;
  const target = namedRef(node.$ref);
  return [
    ...(target ? [{ target, at: [...at, "$ref"] }] : []),
    ...SAME_VALUE_LISTS.flatMap((key) =>
      Array.isArray(node[key]) ? node[key].flatMap((sub, i) => inPlaceRefs(sub, [...at, key, i])) : [],
    ),
    ...SAME_VALUE_SCHEMAS.flatMap((key) => inPlaceRefs(node[key], [...at, key])),
    ...Object.entries(
      node.dependentSchemas && typeof node.dependentSchemas === "object" ? node.dependentSchemas : {},
    ).flatMap(([name, sub]) => inPlaceRefs(sub, [...at, "dependentSchemas", name])),
  ];
}

/**
 * Named schemas that reach themselves again through `$ref`, `allOf`, `anyOf`, `oneOf`, `not` or
 * `if`/`then`/`else` without going into a property or an item: ajv's validator for them recurses
 * without end on any value. A recursive type that goes through `properties` or `items` (a tree, a
 * linked list) is fine. Each loop is reported once, at the `$ref` of its first schema in spec order.
 */
export const schemaRefCycle: Rule = {
  name: "schema-ref-cycle",
  check({ model, report }) {
    const schemas = model.schemas.filter((s) => !s.builtIn);
    const edges = new Map(schemas.map((s) => [s.id as string, inPlaceRefs(s.schema)]));
    const source = new Map(schemas.map((s) => [s.id as string, s.source]));
    const state = new Map<string, "open" | "done">();
    const reported = new Set<string>();
    const visit = (id: string, trail: string[]): void => {
      state.set(id, "open");
      for (const edge of edges.get(id) ?? []) {
        if (!edges.has(edge.target)) continue;
        if (state.get(edge.target) === "open") {
          const loop = [...trail.slice(trail.indexOf(edge.target)), id];
          const key = [...loop].sort().join(" ");
          if (reported.has(key)) continue;
          reported.add(key);
          const first = loop[0] as string;
          const firstEdge = (edges.get(first) ?? []).find((e) => e.target === (loop[1] ?? first)) ?? edge;
          report("schemaRefCycle", [...(source.get(first) ?? []), ...firstEdge.at], {
            message: `schema \`${first}\` refers to itself through ${[...loop.slice(1), first].map((n) => `\`${n}\``).join(" -> ")} without going into a property or an item: validating any value would never end`,
            hint: "put one of the references under `properties` or `items`, or remove it",
          });
        } else if (!state.has(edge.target)) visit(edge.target, [...trail, id]);
      }
      state.set(id, "done");
    };
    for (const s of schemas) if (!state.has(s.id)) visit(s.id, []);
  },
};
