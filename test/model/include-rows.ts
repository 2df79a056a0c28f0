import { RULES } from "../../src/model/index.js";

/**
 * Given/want tables for specs split over several files. Every file is written as a list of
 * lines, so that line numbers can be read off the source. The root is always architecture.yaml:
 *
 *   1 archkit: 1
 *   2 system: { name: shop, title: Shop }
 *   3 include: [...]              (the first entry starts at column 11)
 *   4 services:
 *   5   orders:
 *   6     endpoints:
 *   7       getOrder: { method: GET, path: /orders }
 */

export type Files = Readonly<Record<string, string>>;

export interface IncludeReport {
  readonly name: string;
  readonly files: Files;
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Exact message, where the wording matters (it names files and positions). */
  readonly message?: string;
  readonly hint?: string;
}

export interface IncludeAccept {
  readonly name: string;
  readonly files: Files;
  /** The files of the spec, in reading order. */
  readonly read: readonly string[];
}

/** The codes only a spec of several files can produce; covered here rather than in rules.test.ts. */
export const INCLUDE_CODES: readonly string[] = [
  RULES.includeNotFound.code,
  RULES.includeCycle.code,
  RULES.includeOutside.code,
  RULES.includeNotMapping.code,
  RULES.includeRootOnly.code,
  RULES.duplicateDefinition.code,
];

export function text(...lines: readonly string[]): string {
  return `${lines.join("\n")}\n`;
}

/** The root spec with `include: <include>` on line 3. */
export function root(include: string, ...more: readonly string[]): string {
  return text(
    "archkit: 1",
    "system: { name: shop, title: Shop }",
    `include: ${include}`,
    "services:",
    "  orders:",
    "    endpoints:",
    "      getOrder: { method: GET, path: /orders }",
    ...more,
  );
}

const STOCK = text("services:", "  stock:", "    endpoints:", "      reserve: { method: POST, path: /reserve }");

export const INCLUDE_REPORTS: readonly IncludeReport[] = [
  {
    name: "a missing file, with the near name",
    files: { "architecture.yaml": root("[domains/stok.yaml]"), "domains/stock.yaml": STOCK },
    code: "AK004",
    file: "architecture.yaml",
    line: 3,
    column: 11,
    message: "included file `domains/stok.yaml` does not exist",
    hint: "did you mean `domains/stock.yaml`?",
  },
  {
    name: "a pattern that matches no file",
    files: { "architecture.yaml": root("[domains/*.yml]"), "domains/stock.yaml": STOCK },
    code: "AK004",
    file: "architecture.yaml",
    line: 3,
    column: 11,
    message: "`domains/*.yml` matches no file",
  },
  {
    name: "a folder",
    files: { "architecture.yaml": root("[a.yaml, domains]"), "a.yaml": "", "domains/stock.yaml": STOCK },
    code: "AK004",
    file: "architecture.yaml",
    line: 3,
    column: 19,
    message: "`domains` is a folder, not a file",
    hint: "include the files in it with a pattern such as `domains/*.yaml`",
  },
  {
    name: "a missing file included by an included file, relative to it",
    files: {
      "architecture.yaml": root("[domains/stock.yaml]"),
      "domains/stock.yaml": text("include: [payments.yaml]", STOCK),
    },
    code: "AK004",
    file: "domains/stock.yaml",
    line: 1,
    column: 11,
    message: "included file `domains/payments.yaml` does not exist",
  },
  {
    name: "the root including itself",
    files: { "architecture.yaml": root("[architecture.yaml]") },
    code: "AK005",
    file: "architecture.yaml",
    line: 3,
    column: 11,
    message: "include cycle: architecture.yaml → architecture.yaml",
  },
  {
    name: "a cycle through two files",
    files: {
      "architecture.yaml": root("[domains/a.yaml]"),
      "domains/a.yaml": text("include: [b.yaml]"),
      "domains/b.yaml": text("services: {}", "include:", "  - ./a.yaml"),
    },
    code: "AK005",
    file: "domains/b.yaml",
    line: 3,
    column: 5,
    message: "include cycle: architecture.yaml → domains/a.yaml → domains/b.yaml → domains/a.yaml",
  },
  {
    name: "an absolute path",
    files: { "architecture.yaml": root("[/etc/shop.yaml]") },
    code: "AK006",
    file: "architecture.yaml",
    line: 3,
    column: 11,
    message: "`/etc/shop.yaml` is an absolute path",
  },
  {
    name: "a path out of the root's folder",
    files: { "architecture.yaml": root("[../shared/stock.yaml]"), "../shared/stock.yaml": STOCK },
    code: "AK006",
    file: "architecture.yaml",
    line: 3,
    column: 11,
    message: "`../shared/stock.yaml` leads out of the root spec's folder",
  },
  {
    name: "a nested include out of the root's folder",
    files: {
      "architecture.yaml": root("[domains/a.yaml]"),
      "domains/a.yaml": text("include: [../b.yaml, ../../c.yaml]"),
      "b.yaml": "",
    },
    code: "AK006",
    file: "domains/a.yaml",
    line: 1,
    column: 22,
  },
  {
    name: "a pattern out of the root's folder",
    files: { "architecture.yaml": root('["../*.yaml"]') },
    code: "AK006",
    file: "architecture.yaml",
    line: 3,
    column: 11,
  },
  {
    name: "a file holding a list",
    files: { "architecture.yaml": root("[stock.yaml]"), "stock.yaml": text("# the stock service", "- stock") },
    code: "AK007",
    file: "stock.yaml",
    line: 2,
    column: 1,
    message: "`stock.yaml` (included at architecture.yaml:3) holds a list, not a mapping of top-level keys",
  },
  {
    name: "a file holding a single value",
    files: { "architecture.yaml": root("[stock.yaml]"), "stock.yaml": text("stock") },
    code: "AK007",
    file: "stock.yaml",
    line: 1,
    column: 1,
  },
  {
    name: "system in an included file",
    files: { "architecture.yaml": root("[stock.yaml]"), "stock.yaml": text(STOCK.trimEnd(), "system: { name: x }") },
    code: "AK008",
    file: "stock.yaml",
    line: 5,
    column: 1,
    message: "`system` belongs in the root spec, not in an included file",
  },
  {
    name: "deployment in an included file",
    files: { "architecture.yaml": root("[stock.yaml]"), "stock.yaml": text("deployment:", "  platform: kubernetes") },
    code: "AK008",
    file: "stock.yaml",
    line: 1,
    column: 1,
  },
  {
    name: "a service the root defines",
    files: { "architecture.yaml": root("[stock.yaml]"), "stock.yaml": text(STOCK.trimEnd(), "  orders: {}") },
    code: "AK009",
    file: "stock.yaml",
    line: 5,
    column: 3,
    message: "service `orders` is already defined at architecture.yaml:5",
  },
  {
    name: "a store two included files define",
    files: {
      "architecture.yaml": root("[a.yaml, domains/b.yaml]"),
      "a.yaml": text("stores:", "  cache: { kind: cache }"),
      "domains/b.yaml": text("# the same store again", "stores:", "  cache: { kind: cache }"),
    },
    code: "AK009",
    file: "domains/b.yaml",
    line: 3,
    column: 3,
    message: "store `cache` is already defined at a.yaml:2",
  },
  {
    name: "a decision id the root uses",
    files: {
      "architecture.yaml": root(
        "[adr.yaml]",
        "decisions:",
        "  - { id: ADR-001, title: Events, status: accepted, context: c, decision: d }",
      ),
      "adr.yaml": text("decisions:", "  - id: ADR-002", "    title: CQRS", "  - id: ADR-001", "    title: Again"),
    },
    code: "AK009",
    file: "adr.yaml",
    line: 4,
    column: 9,
    message: "decision `ADR-001` is already defined at architecture.yaml:9",
  },
  {
    name: "a glossary term defined twice",
    files: {
      "architecture.yaml": root("[a.yaml]", "glossary:", "  SKU: Stock keeping unit"),
      "a.yaml": text("glossary:", "  SKU: the same"),
    },
    code: "AK009",
    file: "a.yaml",
    line: 2,
    column: 3,
    message: "glossary term `SKU` is already defined at architecture.yaml:9",
  },
  {
    name: "a misspelled top-level key in an included file",
    files: { "architecture.yaml": root("[a.yaml]"), "a.yaml": text("servics:", "  stock: {}") },
    code: "AK010",
    file: "a.yaml",
    line: 1,
    column: 1,
    hint: "did you mean `services`?",
  },
  {
    name: "include as text",
    files: { "architecture.yaml": root("domains/*.yaml") },
    code: "AK012",
    file: "architecture.yaml",
    line: 3,
    column: 10,
  },
  {
    name: "an include entry that is not a path",
    files: { "architecture.yaml": root("[a.yaml, { file: b.yaml }]"), "a.yaml": "" },
    code: "AK012",
    file: "architecture.yaml",
    line: 3,
    column: 19,
  },
  {
    name: "services as a list in an included file",
    files: { "architecture.yaml": root("[a.yaml]"), "a.yaml": text("services: [stock]") },
    code: "AK012",
    file: "a.yaml",
    line: 1,
    column: 11,
  },
  {
    name: "a misspelled endpoint key in an included file",
    files: {
      "architecture.yaml": root("[stock.yaml]"),
      "stock.yaml": text("services:", "  stock:", "    endpoints:", "      reserve: { methd: POST, path: /r }"),
    },
    code: "AK010",
    file: "stock.yaml",
    line: 4,
    column: 18,
    hint: "did you mean `method`?",
  },
  {
    name: "an unknown call in a file included by an included file",
    files: {
      "architecture.yaml": root("[domains/*.yaml]"),
      "domains/a.yaml": text("include: [deep/b.yaml]"),
      "domains/deep/b.yaml": text(
        "services:",
        "  stock:",
        "    endpoints:",
        "      reserve: { method: POST, path: /r, calls: [orders.getOrdr] }",
      ),
    },
    code: "AK101",
    file: "domains/deep/b.yaml",
    line: 4,
    column: 50,
    hint: "did you mean `orders.getOrder`?",
  },
  {
    name: "a YAML error in an included file",
    files: { "architecture.yaml": root("[a.yaml]"), "a.yaml": text("services:", "  stock:", '    title: "Stock') },
    code: "AK001",
    file: "a.yaml",
    line: 3,
    column: 12,
  },
  {
    name: "a duplicate key in an included file",
    files: { "architecture.yaml": root("[a.yaml]"), "a.yaml": text("services:", "  stock: {}", "  stock: {}") },
    code: "AK002",
    file: "a.yaml",
    line: 3,
    column: 3,
  },
];

export const INCLUDE_ACCEPTS: readonly IncludeAccept[] = [
  {
    name: "a pattern, nested includes and a file included twice",
    files: {
      "architecture.yaml": root("[domains/*.yaml, shared.yaml]"),
      "domains/stock.yaml": text("include: [../shared.yaml]", STOCK),
      "domains/.hidden.yaml": text("system: { name: hidden }"),
      "shared.yaml": text("glossary:", "  SKU: Stock keeping unit"),
    },
    read: ["architecture.yaml", "domains/stock.yaml", "shared.yaml"],
  },
  {
    name: "a pattern that matches the including file",
    files: { "architecture.yaml": root('["*.yaml"]'), "stock.yaml": STOCK },
    read: ["architecture.yaml", "stock.yaml"],
  },
  {
    name: "** over folders, in name order",
    files: {
      "architecture.yaml": root('["domains/**/*.yaml"]'),
      "domains/stock.yaml": STOCK,
      "domains/z/glossary.yaml": text("glossary:", "  SKU: Stock keeping unit"),
      "domains/a/empty.yaml": "# nothing here yet\n",
    },
    read: ["architecture.yaml", "domains/a/empty.yaml", "domains/stock.yaml", "domains/z/glossary.yaml"],
  },
  {
    name: "an empty include list",
    files: { "architecture.yaml": root("[]") },
    read: ["architecture.yaml"],
  },
];
