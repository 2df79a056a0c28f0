import { createHash } from "node:crypto";
import type { JsonSchema } from "../../model/index.js";
import { samplePattern } from "./pattern.js";
import { isLocalRef } from "../../model/schema-ref.js";
import { ArchkitError } from "../../model/errors.js";

/** A value built from a schema, or why none could be built. */
export type Sampled =
  | { readonly kind: "ok"; readonly value: unknown }
  | { readonly kind: "unsupported"; readonly reason: string };

type Node = { readonly [key: string]: unknown };

interface Walk {
  readonly seed: string;
  /** The property name the value is for, when it is one. */
  readonly key?: string;
  /** The schema `#/...` references resolve in. */
  readonly root: Node;
  readonly depth: number;
  /** Every uuid takes this value when set. */
  readonly uuid?: string;
}

export interface SampleOptions {
  /**
   * One value for every `format: uuid`, so the examples of several events speak of the same
   * entities (the user an OrderCreated names is the one the UserCreated example created).
   */
  readonly uuid?: string;
}

class Unsupported extends ArchkitError {
  override readonly code = "unsupported-schema";
}

/** Deeper than this, optional properties and array items are left out (recursive schemas end). */
const OPTIONAL_DEPTH = 4;
const MAX_DEPTH = 24;

/**
 * A deterministic example value for a JSON Schema: the same schema and seed always give the same
 * value. `const`, `examples`, `enum` (first member) and `default` are taken as given; otherwise
 * objects get every property, arrays their minimum item count (at least one), strings honour
 * `format` (uuid, email, date, date-time, uri, ...), `pattern`, `minLength` and `maxLength`,
 * numbers `minimum`, `maximum` and `multipleOf`. `$ref: Name` is looked up in `schemas`.
 * The caller checks the result against the schema: a value is a best effort, not a proof.
 *
 * @example
 * sampleSchema({ type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" } } }, "orders.getOrder", new Map())
 * // { kind: "ok", value: { id: "1b4e28ba-2fa1-4d2e-883f-0016d3cca427" } }
 */
export function sampleSchema(
  schema: JsonSchema,
  seed: string,
  schemas: ReadonlyMap<string, JsonSchema>,
  options: SampleOptions = {},
): Sampled {
  try {
    return {
      kind: "ok",
      value: new Sampler(schemas).value(schema, { seed, root: schema, depth: 0, uuid: options.uuid }),
    };
  } catch (error) {
    if (error instanceof Unsupported) return { kind: "unsupported", reason: error.message };
    throw error;
  }
}

/**
 * A uuid (version 4 layout) derived from a text, so samples are stable from run to run.
 *
 * @example
 * stableUuid("orders.getOrder/params/orderId") // "…-4…-8…-…", always the same
 */
export function stableUuid(text: string): string {
  const hex = digest(text);
  const variant = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

class Sampler {
  constructor(private readonly schemas: ReadonlyMap<string, JsonSchema>) {}

  value(schema: unknown, walk: Walk): unknown {
    if (walk.depth > MAX_DEPTH) throw new Unsupported(`schema nests deeper than ${MAX_DEPTH} levels at ${walk.seed}`);
    if (schema === true || schema === undefined) return "sample";
    if (schema === false) throw new Unsupported(`schema \`false\` accepts no value at ${walk.seed}`);
    if (!isNode(schema)) throw new Unsupported(`not a schema at ${walk.seed}`);
    if ("const" in schema) return schema.const;
    const example = firstExample(schema);
    if (example !== undefined) return example;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
    if (schema.default !== undefined) return schema.default;
    if (typeof schema.$ref === "string") return this.value(...this.resolve(schema, walk));
    if (Array.isArray(schema.allOf)) return this.value(this.mergeAll(schema, schema.allOf as unknown[], walk), walk);
    const choice = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(choice) && choice.length > 0) return this.value(withBranch(schema, choice[0]), walk);
    return this.typed(schema, typeOf(schema), walk);
  }

  private resolve(schema: Node, walk: Walk): [unknown, Walk] {
    const ref = schema.$ref as string;
    const { $ref: _ref, ...siblings } = schema;
    if (isLocalRef(ref)) {
      const target = pointer(walk.root, ref);
      if (target === undefined) throw new Unsupported(`unresolved $ref ${ref} at ${walk.seed}`);
      return [withSiblings(target, siblings), { ...walk, depth: walk.depth + 1 }];
    }
    const named = this.schemas.get(ref);
    if (named === undefined) throw new Unsupported(`unknown schema ${ref} at ${walk.seed}`);
    return [withSiblings(named, siblings), { ...walk, root: named, depth: walk.depth + 1 }];
  }

  /** One schema from an `allOf`: properties and `required` united, other keywords from the first part that has them. */
  private mergeAll(schema: Node, parts: readonly unknown[], walk: Walk): Node {
    const { allOf: _all, ...own } = schema;
    let merged: Record<string, unknown> = {};
    const properties: Record<string, unknown> = {};
    const required = new Set<string>();
    for (const part of [own, ...parts].map((p) => this.flatten(p, walk, 0))) {
      if (isNode(part.properties)) Object.assign(properties, part.properties);
      if (Array.isArray(part.required)) for (const name of part.required) required.add(String(name));
      merged = { ...part, ...merged };
    }
    if (Object.keys(properties).length > 0) merged.properties = properties;
    if (required.size > 0) merged.required = [...required];
    return merged;
  }

  /** A part of an `allOf` with its `$ref` followed and its own `allOf` merged in. */
  private flatten(part: unknown, walk: Walk, depth: number): Node {
    if (!isNode(part)) return {};
    if (depth > MAX_DEPTH) throw new Unsupported(`allOf nests too deep at ${walk.seed}`);
    if (typeof part.$ref === "string") {
      const [target, inner] = this.resolve(part, walk);
      return this.flatten(target, inner, depth + 1);
    }
    return Array.isArray(part.allOf) ? this.mergeAll(part, part.allOf as unknown[], walk) : part;
  }

  private typed(schema: Node, type: string, walk: Walk): unknown {
    switch (type) {
      case "object":
        return this.object(schema, walk);
      case "array":
        return this.array(schema, walk);
      case "string":
        return sampleString(schema, walk);
      case "integer":
      case "number":
        return sampleNumber(schema, type === "integer");
      case "boolean":
        return true;
      case "null":
        return null;
      default:
        throw new Unsupported(`type ${type} at ${walk.seed}`);
    }
  }

  private object(schema: Node, walk: Walk): Record<string, unknown> {
    const properties = isNode(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      if (!required.has(name) && (walk.depth >= OPTIONAL_DEPTH || isReadOnly(property))) continue;
      out[name] = this.value(property, { ...walk, seed: `${walk.seed}/${name}`, key: name, depth: walk.depth + 1 });
    }
    for (const name of required) if (!(name in out)) out[name] = "sample";
    return out;
  }

  private array(schema: Node, walk: Walk): unknown[] {
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    const min = typeof schema.minItems === "number" ? schema.minItems : 0;
    const max = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
    const count = Math.min(max, Math.max(min, prefix.length, walk.depth < OPTIONAL_DEPTH ? 1 : 0));
    return Array.from({ length: count }, (_, i) => {
      const item = i < prefix.length ? prefix[i] : schema.items;
      return this.value(item, { ...walk, seed: `${walk.seed}/${i}`, key: walk.key, depth: walk.depth + 1 });
    });
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isReadOnly(schema: unknown): boolean {
  return isNode(schema) && schema.readOnly === true;
}

function firstExample(schema: Node): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return schema.example;
}

function typeOf(schema: Node): string {
  const { type } = schema;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return (type.find((t) => t !== "null") ?? type[0] ?? "string") as string;
  if (isNode(schema.properties) || schema.required !== undefined) return "object";
  if (schema.items !== undefined || schema.prefixItems !== undefined) return "array";
  if (schema.minimum !== undefined || schema.maximum !== undefined) return "number";
  return "string";
}

function withSiblings(target: unknown, siblings: Node): unknown {
  const keys = Object.keys(siblings).filter((k) => k !== "description" && k !== "title");
  if (keys.length === 0 || !isNode(target)) return target;
  return { allOf: [target, siblings] };
}

function withBranch(schema: Node, branch: unknown): unknown {
  const { oneOf: _one, anyOf: _any, ...rest } = schema;
  return Object.keys(rest).length === 0 ? branch : { allOf: [rest, branch] };
}

function pointer(root: Node, ref: string): unknown {
  const segments = ref
    .replace(/^#\/?/, "")
    .split("/")
    .filter((s) => s !== "");
  let node: unknown = root;
  for (const raw of segments) {
    const segment = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    node = isNode(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

const FORMATS: Readonly<Record<string, (walk: Walk) => string>> = {
  uuid: (w) => w.uuid ?? stableUuid(w.seed),
  email: (w) => `user.${digest(w.seed).slice(0, 6)}@example.com`,
  "idn-email": (w) => `user.${digest(w.seed).slice(0, 6)}@example.com`,
  date: () => "2026-01-15",
  "date-time": () => "2026-01-15T10:30:00Z",
  time: () => "10:30:00Z",
  duration: () => "P1D",
  uri: (w) => `https://example.com/${digest(w.seed).slice(0, 8)}`,
  url: (w) => `https://example.com/${digest(w.seed).slice(0, 8)}`,
  iri: (w) => `https://example.com/${digest(w.seed).slice(0, 8)}`,
  "uri-reference": (w) => `/${digest(w.seed).slice(0, 8)}`,
  "iri-reference": (w) => `/${digest(w.seed).slice(0, 8)}`,
  "uri-template": () => "https://example.com/{id}",
  hostname: () => "example.com",
  "idn-hostname": () => "example.com",
  ipv4: () => "192.0.2.10",
  ipv6: () => "2001:db8::10",
  "json-pointer": () => "/sample",
  "relative-json-pointer": () => "0/sample",
  regex: () => "^sample$",
  byte: () => "c2FtcGxl",
  int32: () => "1",
  int64: () => "1",
};

function sampleString(schema: Node, walk: Walk): string {
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  if (format) return format(walk);
  if (typeof schema.pattern === "string") {
    const sampled = samplePattern(schema.pattern);
    if (sampled.kind === "unsupported")
      throw new Unsupported(`${sampled.reason} at ${walk.seed}; give the schema an \`examples\` entry`);
    return fit(sampled.value, schema, "0");
  }
  return fit(walk.key === undefined ? "sample" : `sample-${walk.key}`, schema, "x");
}

function fit(text: string, schema: Node, pad: string): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  const padded = text.length < min ? text + pad.repeat(min - text.length) : text;
  return padded.length > max ? padded.slice(0, max) : padded;
}

function sampleNumber(schema: Node, integer: boolean): number {
  const step = typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : 0;
  const low = bound(schema.minimum, schema.exclusiveMinimum, integer, 1);
  const high = bound(schema.maximum, schema.exclusiveMaximum, integer, -1);
  let value = Math.min(Math.max(1, low ?? -Infinity), high ?? Infinity);
  if (step > 0) value = Math.ceil(value / step) * step;
  if (high !== undefined && value > high && step > 0) value -= step;
  return value;
}

function bound(inclusive: unknown, exclusive: unknown, integer: boolean, direction: 1 | -1): number | undefined {
  if (typeof exclusive === "number") {
    if (!integer) return exclusive + direction * 0.5;
    return direction === 1 ? Math.floor(exclusive) + 1 : Math.ceil(exclusive) - 1;
  }
  return typeof inclusive === "number" ? inclusive : undefined;
}
