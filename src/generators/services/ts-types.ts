import type { JsonSchema } from "../../model/index.js";
import { namedRef } from "../../model/schema-ref.js";

/** How `$ref: Name` and the names of generated types are written in the output. */
export interface TypeNaming {
  readonly ref: (name: string) => string;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A TypeScript type expression for a JSON Schema 2020-12 schema: objects with required and
 * optional members, arrays and tuples, enums and consts, unions (oneOf/anyOf), intersections
 * (allOf), nullable type lists, `$ref: Name` to another named schema. Deterministic output.
 */
export function schemaToType(schema: unknown, naming: TypeNaming, indent = ""): string {
  if (schema === true || schema === undefined) return "unknown";
  if (schema === false) return "never";
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return "unknown";
  const s = schema as JsonSchema;
  if (typeof s.$ref === "string") {
    const name = namedRef(s.$ref);
    return name !== undefined ? naming.ref(name) : "unknown";
  }
  if ("const" in s) return literal(s.const);
  if (Array.isArray(s.enum)) return s.enum.map(literal).join(" | ") || "never";
  const parts: string[] = [];
  if (Array.isArray(s.oneOf)) parts.push(union(s.oneOf, naming, indent));
  if (Array.isArray(s.anyOf)) parts.push(union(s.anyOf, naming, indent));
  if (Array.isArray(s.allOf)) parts.push(s.allOf.map((part) => wrap(schemaToType(part, naming, indent))).join(" & "));
  const typed = byType(s, naming, indent);
  if (typed !== undefined) parts.push(typed);
  if (parts.length === 0) return "unknown";
  return parts.length === 1 ? parts[0]! : parts.map(wrap).join(" & ");
}

function byType(s: JsonSchema, naming: TypeNaming, indent: string): string | undefined {
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === "string" ? [s.type] : inferred(s);
  if (types.length === 0) return undefined;
  return types.map((t) => single(t, s, naming, indent)).join(" | ");
}

function inferred(s: JsonSchema): string[] {
  if (s.properties !== undefined || s.additionalProperties !== undefined || s.required !== undefined) return ["object"];
  if (s.items !== undefined || s.prefixItems !== undefined) return ["array"];
  return [];
}

function single(type: string, s: JsonSchema, naming: TypeNaming, indent: string): string {
  switch (type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return arrayType(s, naming, indent);
    case "object":
      return objectType(s, naming, indent);
    default:
      return "unknown";
  }
}

function arrayType(s: JsonSchema, naming: TypeNaming, indent: string): string {
  if (Array.isArray(s.prefixItems)) {
    const items = s.prefixItems.map((item) => schemaToType(item, naming, indent));
    return s.items === false
      ? `[${items.join(", ")}]`
      : `[${[...items, `...${wrap(schemaToType(s.items, naming, indent))}[]`].join(", ")}]`;
  }
  return `${wrap(schemaToType(s.items, naming, indent))}[]`;
}

function objectType(s: JsonSchema, naming: TypeNaming, indent: string): string {
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const inner = `${indent}  `;
  const members = Object.entries(properties).map(([name, sub]) => {
    const doc = description(sub, inner);
    const key = IDENT.test(name) ? name : JSON.stringify(name);
    return `${doc}${inner}${key}${required.has(name) ? "" : "?"}: ${schemaToType(sub, naming, inner)};`;
  });
  const extra = s.additionalProperties;
  if (extra !== undefined && extra !== false)
    members.push(`${inner}[key: string]: ${extra === true ? "unknown" : schemaToType(extra, naming, inner)};`);
  else if (extra === undefined && members.length === 0) return "Record<string, unknown>";
  return members.length === 0 ? "Record<string, never>" : `{\n${members.join("\n")}\n${indent}}`;
}

function description(schema: unknown, indent: string): string {
  const text = schema && typeof schema === "object" ? (schema as JsonSchema).description : undefined;
  return typeof text === "string"
    ? `${indent}/** ${text.replace(/\*\//g, "*\\/").replace(/\s+/g, " ").trim()} */\n`
    : "";
}

function union(options: readonly unknown[], naming: TypeNaming, indent: string): string {
  return options.map((o) => wrap(schemaToType(o, naming, indent))).join(" | ") || "never";
}

function literal(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(value);
}

function wrap(type: string): string {
  return /^[A-Za-z0-9_$.<>, ]+$/.test(type) || type.startsWith("{") || type.endsWith("[]") ? type : `(${type})`;
}

export { typeName } from "../../model/naming.js";
