import type { z } from "zod";
import { SpecSchema } from "./schema/index.js";
import type { Path } from "./source.js";

type AnySchema = z.core.$ZodType;

export interface Def {
  readonly type: string;
  readonly shape?: Record<string, AnySchema>;
  readonly element?: AnySchema;
  readonly valueType?: AnySchema;
  readonly innerType?: AnySchema;
  readonly options?: readonly AnySchema[];
  readonly in?: AnySchema;
}

export function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

export function unwrap(schema: AnySchema): AnySchema[] {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === "pipe" && def.in) return unwrap(def.in);
  if (def.type === "union" && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

export function schemasAt(path: Path): AnySchema[] {
  let current: AnySchema[] = unwrap(SpecSchema);
  for (const segment of path) {
    current = current.flatMap((schema) => {
      const def = defOf(schema);
      if (def.type === "object" && def.shape)
        return def.shape[String(segment)] ? unwrap(def.shape[String(segment)]!) : [];
      if (def.type === "record" && def.valueType) return unwrap(def.valueType);
      if (def.type === "array" && def.element) return unwrap(def.element);
      return [];
    });
  }
  return current;
}

/** Keys allowed at `path`; for a discriminated union, those of the option the value's `kind` selects. */
export function keysAt(path: Path, value?: unknown): string[] {
  const kind = value !== null && typeof value === "object" ? (value as { kind?: unknown }).kind : undefined;
  const options = schemasAt(path);
  const matching = options.filter((s) => {
    const kindSchema = defOf(s).shape?.kind;
    const values = kindSchema ? (defOf(kindSchema) as { values?: unknown[] }).values : undefined;
    return kind === undefined || values === undefined || values.includes(kind);
  });
  return [...new Set((matching.length ? matching : options).flatMap((s) => Object.keys(defOf(s).shape ?? {})))];
}

export function discriminatorValues(path: Path, key: string): string[] {
  return schemasAt([...path, key]).flatMap((s) => ((defOf(s) as { values?: unknown[] }).values ?? []).map(String));
}

/** The schemas declared for the value at `path`, before optional/nullable are unwrapped. */
export function slotAt(path: Path): { readonly slot: AnySchema[]; readonly inRecord: boolean } {
  if (path.length === 0) return { slot: [SpecSchema], inRecord: false };
  const parents = schemasAt(path.slice(0, -1));
  const segment = String(path[path.length - 1]);
  const slot = parents.flatMap((schema) => {
    const def = defOf(schema);
    if (def.type === "object" && def.shape?.[segment]) return [def.shape[segment]!];
    if (def.type === "record" && def.valueType) return [def.valueType];
    if (def.type === "array" && def.element) return [def.element];
    return [];
  });
  return { slot, inRecord: parents.some((p) => defOf(p).type === "record") };
}

export function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
