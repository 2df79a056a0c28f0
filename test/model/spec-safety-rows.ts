/**
 * Given/want rows for what a hostile or careless spec must not get past validate: a key JavaScript
 * drops, a pattern that is no regular expression, named schemas that loop without going into a
 * value, an image registry that is no registry. Same shape and line-numbering as rules.test.ts:
 * the four-line BASE, then the fragment from line 5.
 */

const BASE = `archkit: 1
system:
  name: shop
  title: Shop
`;

/** Service `orders` with one endpoint whose 200 answer is `schema` (line 11). */
function answering(schema: string): string {
  return `${BASE}services:
  orders:
    endpoints:
      getOrder:
        method: GET
        path: /orders
        responses: { 200: ${schema} }
`;
}

/** `answering("Node")` followed by the named schemas `schemas`, from line 13 on. */
function withSchemas(schemas: string): string {
  return `${answering("Node")}schemas:\n${schemas}`;
}

export const SAFETY_REPORTS = [
  {
    name: "AK019 a service named __proto__",
    code: "AK019",
    line: 6,
    column: 3,
    spec: `${BASE}services:\n  __proto__:\n    endpoints:\n      getOrder: { method: GET, path: /orders }\n`,
  },
  {
    name: "AK019 a schema property named __proto__",
    code: "AK019",
    line: 11,
    column: 57,
    spec: answering("{ type: object, properties: { __proto__: { type: string } } }"),
  },
  {
    name: "AK020 a pattern with an unclosed character class, at the pattern",
    code: "AK020",
    line: 11,
    column: 52,
    spec: answering('{ type: string, pattern: "([a-z" }'),
  },
  {
    name: "AK020 a patternProperties key that is no regular expression, at the key",
    code: "AK020",
    line: 11,
    column: 64,
    spec: answering('{ type: object, patternProperties: { "a{2,1}": { type: string } } }'),
  },
  {
    name: "AK122 two schemas that are each other's alias",
    code: "AK122",
    line: 14,
    column: 11,
    spec: withSchemas("  Node:\n    $ref: Edge\n  Edge:\n    $ref: Node\n"),
  },
  {
    name: "AK122 a loop through allOf, anyOf and not",
    code: "AK122",
    line: 14,
    column: 21,
    spec: withSchemas(
      "  Node:\n    allOf: [{ $ref: Edge }]\n  Edge:\n    anyOf: [{ type: string }, { $ref: Leaf }]\n  Leaf:\n    not: { $ref: Node }\n",
    ),
  },
  {
    name: "AK017 a registry given as a URL with a scheme and a trailing slash",
    code: "AK017",
    line: 14,
    column: 13,
    spec: `${answering("{ type: object }")}deployment:\n  platform: kubernetes\n  registry: https://ghcr.io/acme/\n`,
  },
  {
    name: "AK017 a registry path in capitals",
    code: "AK017",
    line: 14,
    column: 13,
    spec: `${answering("{ type: object }")}deployment:\n  platform: kubernetes\n  registry: ghcr.io/Acme\n`,
  },
  {
    name: "AK123 TLS claimed with no mesh in the default environment",
    code: "AK123",
    line: 14,
    column: 10,
    spec: `${answering("{ type: object }")}quality:\n  security:\n    tls: "1.3"\n`,
  },
  {
    name: "AK123 authentication claimed with no gateway to check tokens",
    code: "AK123",
    line: 14,
    column: 21,
    spec: `${answering("{ type: object }")}quality:\n  security:\n    authentication: JWT\n`,
  },
  {
    name: "AK123 encryption at rest claimed for an environment whose stores are external",
    code: "AK123",
    line: 14,
    column: 23,
    spec: `${answering("{ type: object }")}quality:\n  security:\n    encryptionAtRest: AES-256\ndeployment:\n  platform: kubernetes\n  environments:\n    production: { infrastructure: external, storage: { class: gp3-encrypted, encrypted: true } }\n`,
  },
] as const;

export const SAFETY_ACCEPTS = [
  {
    name: "AK123 TLS and encryption at rest kept by a mesh and an encrypting StorageClass in every environment",
    code: "AK123",
    spec: `${answering("{ type: object }")}quality:\n  security:\n    tls: "1.3"\n    encryptionAtRest: AES-256\ndeployment:\n  platform: kubernetes\n  environments:\n    staging: { mesh: linkerd, storage: { class: encrypted-ssd, encrypted: true } }\n    production: { mesh: istio, ingress: { host: api.example.com }, storage: { class: encrypted-ssd, encrypted: true } }\n`,
  },
  {
    name: "AK019 names close to __proto__: proto, constructor, prototype",
    code: "AK019",
    spec: answering(
      "{ type: object, properties: { proto: { type: string }, constructor: { type: string }, prototype: { type: string } } }",
    ),
  },
  {
    name: "AK020 a pattern with escaped brackets and a unicode class",
    code: "AK020",
    spec: answering('{ type: string, pattern: "^\\\\[\\\\p{L}+\\\\]$" }'),
  },
  {
    name: "AK122 recursive types that go into an item or a property: a tree and a linked list",
    code: "AK122",
    spec: withSchemas(
      "  Node:\n    type: object\n    properties:\n      next: { $ref: Edge }\n      children: { type: array, items: { $ref: Node } }\n  Edge:\n    anyOf: [{ type: 'null' }, { $ref: Node }]\n",
    ),
  },
  {
    name: "AK017 registries with a port, a nested path and separators",
    code: "AK017",
    spec: `${answering("{ type: object }")}deployment:\n  platform: kubernetes\n  registry: registry.example.com:5000/acme-corp/shop_images\n`,
  },
] as const;
