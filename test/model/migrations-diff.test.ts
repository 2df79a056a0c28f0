import { describe, expect, it } from "vitest";
import {
  dataLoss,
  describeChange,
  diffSchemas,
  SchemaDiffError,
  schemaIntents,
  storeSchema,
  type StoreSchema,
} from "../../src/model/migrations/index.js";
import { sqlForChanges } from "../../src/runtime/db/migration-sql.js";
import { modelOf, oneServiceSpec } from "../runtime/db/evolution.js";

/** A one-store spec whose `orders` table has the given columns (YAML flow mappings, one per line). */
function spec(columns: string, extra = ""): string {
  return `${oneServiceSpec(["db"])}
  db:
    kind: postgres
    tables:
      orders:
        columns:
${columns
  .trim()
  .split("\n")
  .map((l) => `          ${l.trim()}`)
  .join("\n")}
${extra}`;
}

function diff(before: string, after: string) {
  const old = storeSchema(modelOf(before).stores[0]!)!;
  const store = modelOf(after).stores[0]!;
  return diffSchemas(old, storeSchema(store)!, schemaIntents(store));
}

const BASE = `
id: { type: uuid, primaryKey: true }
status: { type: text, index: true }
total: { type: integer }
note: { type: text, nullable: true }
`;

const cases: { name: string; after: string; changes: string[]; expand: RegExp[]; contract: RegExp[] }[] = [
  {
    name: "a nullable column is added in expand",
    after: `${BASE}\nchannel: { type: text, nullable: true }`,
    changes: ["add orders.channel"],
    expand: [/^alter table "orders" add column if not exists "channel" text$/],
    contract: [],
  },
  {
    name: "a required column with a default is added in expand, filled by the default",
    after: `${BASE}\nchannel: { type: text, default: web }`,
    changes: ["add orders.channel"],
    expand: [/add column if not exists "channel" text not null default 'web'$/],
    contract: [],
  },
  {
    name: "a required column with a backfill is added nullable, filled, and made NOT NULL in contract",
    after: `${BASE}\nchannel: { type: text, backfill: "upper(status)" }`,
    changes: ["add orders.channel"],
    expand: [
      /add column if not exists "channel" text$/,
      /^update "orders" set "channel" = \(upper\(status\)\) where "channel" is null$/,
    ],
    contract: [/^update "orders" set "channel"/, /alter column "channel" set not null$/],
  },
  {
    name: "a dropped column loses NOT NULL in expand and goes in contract",
    after: BASE.replace(/total.*\n/, ""),
    changes: ["drop orders.total"],
    expand: [/alter column "total" drop not null$/],
    contract: [/drop column if exists "total"$/],
  },
  {
    name: "a declared rename copies into the new column and keeps both in step until contract",
    after: BASE.replace("total: { type: integer }", "amount: { type: integer, renamedFrom: total }"),
    changes: ["rename orders.total to amount"],
    expand: [
      /add column if not exists "amount" integer$/,
      /set "amount" = "total"::integer/,
      /create or replace function/,
      /create trigger/,
    ],
    contract: [
      /drop trigger/,
      /drop function/,
      /drop column if exists "total"$/,
      /alter column "amount" set not null$/,
    ],
  },
  {
    name: "an undeclared rename is a drop and an add, never guessed",
    after: BASE.replace("note: { type: text, nullable: true }", "remark: { type: text, nullable: true }"),
    changes: ["add orders.remark", "drop orders.note"],
    expand: [/add column if not exists "remark"/],
    contract: [/drop column if exists "note"/],
  },
  {
    name: "a widening retype runs in expand",
    after: BASE.replace("total: { type: integer }", "total: { type: bigint }"),
    changes: ["retype orders.total integer to bigint"],
    expand: [/alter column "total" type bigint using "total"::bigint$/],
    contract: [],
  },
  {
    name: "a narrowing retype waits for contract",
    after: BASE.replace("status: { type: text, index: true }", "status: { type: integer, index: true }"),
    changes: ["retype orders.status text to integer"],
    expand: [],
    contract: [/alter column "status" type integer using "status"::text::integer$/],
  },
  {
    name: "making a column required backfills from its default in contract",
    after: BASE.replace("note: { type: text, nullable: true }", "note: { type: text, default: none }"),
    changes: ["set default of orders.note", "require orders.note"],
    expand: [/alter column "note" set default 'none'$/],
    contract: [/^update "orders" set "note" = \('none'\) where "note" is null$/, /alter column "note" set not null$/],
  },
  {
    name: "making a column optional runs in expand",
    after: BASE.replace("total: { type: integer }", "total: { type: integer, nullable: true }"),
    changes: ["make orders.total optional"],
    expand: [/alter column "total" drop not null$/],
    contract: [],
  },
  {
    name: "an index is added in expand and dropped in contract",
    after: BASE.replace("status: { type: text, index: true }", "status: { type: text }").replace(
      "total: { type: integer }",
      "total: { type: integer, index: true }",
    ),
    changes: ["drop index orders.status", "index orders.total"],
    expand: [/create index if not exists "orders_total_idx" on "orders" \("total"\)$/],
    contract: [/drop index if exists "orders_status_idx"$/],
  },
  {
    name: "a unique constraint tightens, so it waits for contract",
    after: BASE.replace("total: { type: integer }", "total: { type: integer, unique: true }"),
    changes: ["unique orders(total)"],
    expand: [],
    contract: [/add constraint "orders_total_key" unique \("total"\)$/],
  },
  {
    name: "an unchanged table gives no changes",
    after: `${BASE}`,
    changes: [],
    expand: [],
    contract: [],
  },
];

describe("diffSchemas and sqlForChanges", () => {
  for (const c of cases) {
    it(c.name, () => {
      const changes = diff(spec(BASE), spec(c.after));
      expect(changes.map(describeChange)).toEqual(c.changes);
      const sql = sqlForChanges(changes);
      expect(sql.expand).toHaveLength(c.expand.length);
      c.expand.forEach((re, i) => expect(sql.expand[i]).toMatch(re));
      expect(sql.contract).toHaveLength(c.contract.length);
      c.contract.forEach((re, i) => expect(sql.contract[i]).toMatch(re));
    });
  }

  it("renames a table behind a view the old version keeps using, and renames its constraints", () => {
    const before = spec(BASE);
    const after = spec(BASE).replace("      orders:\n", "      purchases:\n        renamedFrom: orders\n");
    const changes = diff(before, after);
    expect(changes.map(describeChange)).toEqual(["rename orders to purchases"]);
    const sql = sqlForChanges(changes);
    expect(sql.expand).toEqual([
      'alter table "orders" rename to "purchases"',
      'alter table "purchases" rename constraint "orders_pkey" to "purchases_pkey"',
      'alter index "orders_status_idx" rename to "purchases_status_idx"',
      'create view "orders" as select * from "purchases"',
    ]);
    expect(sql.contract).toEqual(['drop view if exists "orders"']);
  });

  it("creates new tables in expand and drops removed ones in contract", () => {
    const extra =
      "      lines:\n        columns:\n          id: { type: bigserial, primaryKey: true }\n          orderId: { type: uuid, references: orders.id }\n";
    const created = diff(spec(BASE), spec(BASE, extra));
    expect(created.map(describeChange)).toEqual(["create lines"]);
    expect(sqlForChanges(created).expand[0]).toMatch(/^create table if not exists "lines"/);
    const dropped = diff(spec(BASE, extra), spec(BASE));
    expect(dropped.map(describeChange)).toEqual(["drop table lines"]);
    expect(sqlForChanges(dropped)).toEqual({ expand: [], contract: ['drop table if exists "lines"'] });
  });

  it("refuses a new required column with neither default nor backfill, saying what to declare", () => {
    expect(() => diff(spec(BASE), spec(`${BASE}\nchannel: { type: text }`))).toThrow(SchemaDiffError);
    expect(() => diff(spec(BASE), spec(`${BASE}\nchannel: { type: text }`))).toThrow(
      /orders\.channel is new and required/,
    );
  });

  it("refuses to rename a primary key column", () => {
    const after = BASE.replace(
      "id: { type: uuid, primaryKey: true }",
      "key: { type: uuid, primaryKey: true, renamedFrom: id }",
    );
    expect(() => diff(spec(BASE), spec(after))).toThrow(/part of the primary key/);
  });

  it("names the changes that lose data: drops and narrowing retypes, not widening ones or renames", () => {
    const lossy = diff(
      spec(BASE),
      spec(BASE.replace(/total.*\n/, "").replace("status: { type: text", "status: { type: integer")),
    );
    expect(lossy.flatMap((c) => dataLoss(c) ?? [])).toEqual([
      expect.stringMatching(/narrows orders\.status from text to integer/),
      "drops column orders.total with its values",
    ]);
    const safe = diff(
      spec(BASE),
      spec(BASE.replace("total: { type: integer }", "sum: { type: bigint, renamedFrom: total }")),
    );
    expect(safe.flatMap((c) => dataLoss(c) ?? [])).toEqual([]);
  });

  it("migrates document collections: renamed collections, renamed fields and field indexes", () => {
    const docs = (collections: string) => `${oneServiceSpec(["docs"])}
  docs:
    kind: document
    collections:
${collections}
schemas:
  Item: { type: object }
`;
    const before = storeSchema(
      modelOf(docs("      items: { schema: Item, indexes: [sku] }")).stores[0]!,
    ) as StoreSchema;
    const store = modelOf(
      docs("      products: { schema: Item, indexes: [code], renamedFrom: items, renamedFields: { code: sku } }"),
    ).stores[0]!;
    const changes = diffSchemas(before, storeSchema(store)!, schemaIntents(store));
    expect(changes.map(describeChange)).toEqual([
      "rename items to products",
      "rename products.sku to code",
      "drop index products.sku",
      "index products.code",
    ]);
    const sql = sqlForChanges(changes);
    expect(sql.expand[0]).toBe('alter table "items" rename to "products"');
    expect(sql.expand.some((s) => s.includes(`jsonb_build_object('code', data -> 'sku')`))).toBe(true);
    expect(sql.contract.at(-1)).toBe('drop index if exists "products_data_sku_idx"');
  });
});
