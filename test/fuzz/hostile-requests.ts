import { deflateSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import type { ComputedModel, Endpoint } from "../../src/model/index.js";
import { sampleOf } from "./schema-sample.js";

/** The classes of hostile input the fuzz test sends; each maps to an arbitrary below. */
export const HOSTILE_CLASSES = [
  "oversized-string",
  "wrong-type",
  "unicode",
  "nul-byte",
  "huge-number",
  "deep-nesting",
  "bad-json",
  "bad-content-type",
  "bad-percent-encoding",
  "corrupt-compression",
  "oversized-headers",
] as const;
export type HostileClass = (typeof HOSTILE_CLASSES)[number];

/** Classes that need a request body; an endpoint without one is not sent them. */
const BODY_ONLY: ReadonlySet<HostileClass> = new Set([
  "deep-nesting",
  "bad-json",
  "bad-content-type",
  "corrupt-compression",
]);

export interface HostileRequest {
  readonly class: HostileClass;
  readonly endpoint: string;
  readonly method: Endpoint["method"];
  /** Path and query, percent-encoded (or deliberately not). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** What was changed, for the failure message. */
  readonly mutation: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** JSON text put into a body or a parameter as it is: numbers JSON.stringify cannot write, nesting, bad encodings. */
interface Raw {
  readonly raw: string;
}
type Value = Json | Raw;
type Slot =
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "query"; readonly name: string }
  | { readonly kind: "body"; readonly path: readonly (string | number)[] };

const raw = (text: string): Raw => ({ raw: text });
const isRaw = (value: unknown): value is Raw =>
  typeof value === "object" && value !== null && "raw" in value && Object.keys(value).length === 1;

/** The valid request a mutation starts from: sampled parameters, query and body. */
export interface BaseRequest {
  readonly params: Readonly<Record<string, Json>>;
  readonly query: Readonly<Record<string, Json>>;
  readonly body: Json | undefined;
}

/**
 * A valid request of the endpoint: every declared path and query parameter and the body sampled
 * from their schemas, or the body a flow's example gives for its entry endpoint.
 */
export function baseRequest(computed: ComputedModel, endpoint: Endpoint): BaseRequest {
  const params = Object.fromEntries(endpoint.request.params.map((p) => [p.name, sampleOf(computed, p.schema)]));
  const query = Object.fromEntries(endpoint.request.query.map((p) => [p.name, sampleOf(computed, p.schema)]));
  const example = computed.model.flows.find((f) => f.entry === endpoint.id)?.example?.body as Json | undefined;
  const body = endpoint.request.body ? (example ?? sampleOf(computed, endpoint.request.body)) : undefined;
  return { params, query, body };
}

/** The classes that apply to an endpoint. */
export function classesFor(endpoint: Endpoint): readonly HostileClass[] {
  return HOSTILE_CLASSES.filter((c) => endpoint.request.body !== undefined || !BODY_ONLY.has(c));
}

/** Hostile requests of one class against one endpoint. */
export function hostileRequests(
  endpoint: Endpoint,
  base: BaseRequest,
  hostileClass: HostileClass,
): fc.Arbitrary<HostileRequest> {
  const slots = slotsOf(base);
  const request = (mutation: string, parts: Partial<Parts>): HostileRequest =>
    build(endpoint, hostileClass, mutation, { ...defaultParts(base), ...parts });
  const mutate = (values: fc.Arbitrary<Value>, within: readonly Slot[] = slots) =>
    fc
      .tuple(fc.constantFrom(...within), values)
      .map(([slot, value]) => request(`${describe(slot)} = ${preview(value)}`, placed(base, slot, value)));
  const bodySlots = slots.filter((s) => s.kind === "body");
  const textSlots = slots.filter((s) => s.kind !== "body");
  switch (hostileClass) {
    case "oversized-string":
      return fc.oneof(
        mutate(fc.integer({ min: 5_000, max: 400_000 }).map((n) => "x".repeat(n))),
        fc.constant(request("a body over 1 MB", { body: JSON.stringify({ padding: "x".repeat(1_100_000) }) })),
      );
    case "wrong-type":
      return mutate(
        fc.oneof(
          fc.integer(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.integer(), { maxLength: 3 }),
          fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
          fc.string({ maxLength: 20 }),
        ),
      );
    case "unicode":
      return mutate(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 40 }),
          fc.constantFrom(
            "\u202Eevil",
            "\uFEFF",
            "\uD800",
            "x\uDFFF",
            "\uFFFF",
            "😀".repeat(60),
            "a\u0301\u200B",
            "𝔘𝔫𝔦",
          ),
        ),
      );
    case "nul-byte":
      return mutate(
        fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`),
      );
    case "huge-number":
      return mutate(
        fc
          .oneof(
            fc.constantFrom(
              "9007199254740993",
              "-9007199254740993",
              "1e308",
              "1e400",
              "-1e400",
              "3000000000",
              "-2147483649",
              "2147483648",
              "1e-400",
              "123456789012345678901234567890",
            ),
            fc.bigInt({ min: 2n ** 53n, max: 2n ** 128n }).map(String),
          )
          .map(raw),
      );
    case "deep-nesting":
      return mutate(
        fc
          .tuple(fc.integer({ min: 30, max: 50_000 }), fc.boolean())
          .map(([depth, arrays]) => raw(nested(depth, arrays))),
        bodySlots,
      );
    case "bad-json":
      return fc
        .oneof(
          fc.constantFrom(
            "{",
            '{"a":1,}',
            "{'a':1}",
            "[1,2",
            "NaN",
            '{"a":NaN}',
            '{"a":1}{"b":2}',
            "\uFEFF{}",
            "",
            "null",
            '"text"',
            '{"__proto__":{"isAdmin":true}}',
            '{"constructor":{"prototype":{"polluted":1}}}',
          ),
          fc.string({ maxLength: 60 }),
        )
        .map((body) => request(`body ${preview(body)}`, { body }));
    case "bad-content-type":
      return fc
        .constantFrom(
          "text/plain",
          "application/xml",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "application/json; charset=utf-16",
          "application/json; charset=no-such-charset",
          "",
          "application/json, text/plain",
          "*/*",
          "application/merge-patch+json",
        )
        .map((type) =>
          request(`content-type ${JSON.stringify(type)}`, { contentType: type, body: JSON.stringify(base.body) }),
        );
    case "bad-percent-encoding":
      return mutate(
        fc.constantFrom("%E0%A4%A", "%ZZ", "%", "%C0%AF", "%00", "%ED%A0%80", "%FF%FE", "%%32%65").map(raw),
        textSlots.length > 0 ? textSlots : [{ kind: "query", name: "extra" }],
      );
    case "corrupt-compression":
      return fc
        .tuple(
          fc.constantFrom("gzip", "deflate", "br", "zstd-unknown", "gzip, gzip"),
          fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.integer({ min: 1, max: 20 })),
        )
        .map(([encoding, bytes]) =>
          request(`content-encoding ${encoding}, ${typeof bytes === "number" ? `truncated at ${bytes}` : "garbage"}`, {
            encoding,
            body: typeof bytes === "number" ? truncated(encoding, JSON.stringify(base.body), bytes) : bytes,
          }),
        );
    case "oversized-headers":
      return fc
        .integer({ min: 17_000, max: 100_000 })
        .map((size) => request(`a ${size}-byte header`, { extraHeaders: { "x-fuzz": "h".repeat(size) } }));
    default:
      return unknownClass(hostileClass);
  }
}

function unknownClass(value: never): never {
  throw new Error(`no arbitrary for ${String(value)}`);
}

interface Parts {
  readonly params: Readonly<Record<string, Value>>;
  readonly query: Readonly<Record<string, Value>>;
  readonly body: string | Uint8Array | undefined;
  readonly contentType: string;
  readonly encoding?: string;
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

function defaultParts(base: BaseRequest): Parts {
  return {
    params: base.params,
    query: base.query,
    body: base.body === undefined ? undefined : JSON.stringify(base.body),
    contentType: "application/json",
  };
}

function placed(base: BaseRequest, slot: Slot, value: Value): Partial<Parts> {
  switch (slot.kind) {
    case "param":
      return { params: { ...base.params, [slot.name]: value } };
    case "query":
      return { query: { ...base.query, [slot.name]: value } };
    case "body":
      return { body: serialize(replaceAt(base.body ?? null, slot.path, value)) };
    default:
      return unknownSlot(slot);
  }
}

function unknownSlot(value: never): never {
  throw new Error(`unknown slot ${JSON.stringify(value)}`);
}

function build(endpoint: Endpoint, hostileClass: HostileClass, mutation: string, parts: Parts): HostileRequest {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) => asParameter(parts.params[name] ?? "x"));
  const query = Object.entries(parts.query)
    .map(([name, value]) => `${encodeURIComponent(name)}=${asParameter(value)}`)
    .join("&");
  const headers: Record<string, string> = { ...parts.extraHeaders };
  const hasBody = parts.body !== undefined && endpoint.method !== "GET";
  if (hasBody && parts.contentType !== "") headers["content-type"] = parts.contentType;
  if (hasBody && parts.encoding) headers["content-encoding"] = parts.encoding;
  return {
    class: hostileClass,
    endpoint: endpoint.id,
    method: endpoint.method,
    target: query === "" ? path : `${path}?${query}`,
    headers,
    ...(hasBody ? { body: parts.body } : {}),
    mutation,
  };
}

function asParameter(value: Value): string {
  if (isRaw(value)) return value.raw;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
}

function slotsOf(base: BaseRequest): Slot[] {
  const slots: Slot[] = [
    ...Object.keys(base.params).map((name): Slot => ({ kind: "param", name })),
    ...Object.keys(base.query).map((name): Slot => ({ kind: "query", name })),
  ];
  if (base.body === undefined) return slots;
  const stack: [Json, (string | number)[]][] = [[base.body, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    slots.push({ kind: "body", path });
    if (value !== null && typeof value === "object")
      for (const [key, child] of Object.entries(value))
        stack.push([child, [...path, Array.isArray(value) ? Number(key) : key]]);
  }
  return slots;
}

function replaceAt(value: Json, path: readonly (string | number)[], replacement: Value): Value {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const container = (value ?? {}) as Record<string, Json> | Json[];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(container) ? [...container] : { ...container };
  (copy as Record<string, unknown>)[String(head)] = replaceAt(
    (container as Record<string, Json>)[String(head)] ?? null,
    rest,
    replacement,
  );
  return copy as Value;
}

/** JSON text with every `Raw` written as it is. */
function serialize(value: Value): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!isRaw(v)) return v;
    raws.push(v.raw);
    return `\u0001raw${raws.length - 1}\u0001`;
  });
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

function nested(depth: number, arrays: boolean): string {
  return arrays ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

function truncated(encoding: string, text: string, keep: number): Uint8Array {
  const full = encoding === "deflate" ? deflateSync(text) : gzipSync(text);
  return full.subarray(0, Math.min(keep, full.length - 1));
}

function describe(slot: Slot): string {
  return slot.kind === "body" ? `/body${slot.path.map((p) => `/${p}`).join("")}` : `${slot.kind} ${slot.name}`;
}

function preview(value: unknown): string {
  const text = isRaw(value) ? value.raw : typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 40)}...(${text.length} chars)` : text);
}
