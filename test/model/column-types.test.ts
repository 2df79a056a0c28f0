import { describe, expect, it } from "vitest";
import { compileSpec, computeModel, type PostgresStore } from "../../src/model/index.js";

function spec(columns: string): string {
  return `archkit: 1
system: { name: mini, title: Mini }
services:
  orders:
    stores: [ordersDb]
    endpoints:
      place: { method: POST, path: /orders, responses: { 201: Order }, publishes: [OrderPlaced] }
      peek: { method: GET, path: /orders, responses: { 200: Order } }
    consumes:
      OrderPlaced: { handler: audit, deadLetter: true }
events:
  OrderPlaced: { schema: Order }
stores:
  ordersDb:
    kind: postgres
    tables:
      orders:
        columns:
          id: { type: text, primaryKey: true }
${columns}
stateMachines:
  Order: { initial: open, states: [open, paid], transitions: [{ from: open, to: paid, on: pay }] }
schemas:
  Order: { type: object, properties: { id: { type: string } } }
  Address: { type: object, properties: { city: { type: string } } }
`;
}

const CASES: readonly {
  readonly name: string;
  readonly given: string;
  readonly want: { readonly schema?: unknown; readonly stateMachine?: string } | RegExp;
}[] = [
  {
    name: "a jsonb column names its schema",
    given: "          address: { type: jsonb, schema: Address }",
    want: { schema: { kind: "named", name: "Address" } },
  },
  {
    name: "a json column may give an inline schema",
    given: "          address: { type: json, schema: { type: array, items: { type: string } } }",
    want: { schema: { kind: "inline", schema: { type: "array", items: { type: "string" } } } },
  },
  {
    name: "a text column keeps a state machine's states",
    given: "          status: { type: text, stateMachine: Order }",
    want: { stateMachine: "Order" },
  },
  {
    name: "a schema on a non-JSON column is refused",
    given: "          address: { type: text, schema: Address }",
    want: /AK\d+ .*`schema` describes json and jsonb columns; this column is text/,
  },
  {
    name: "a state machine on a non-text column is refused",
    given: "          status: { type: integer, stateMachine: Order }",
    want: /`stateMachine` describes text columns; this column is integer/,
  },
  {
    name: "an unknown state machine is an unknown reference with a suggestion",
    given: "          status: { type: text, stateMachine: Ordr }",
    want: /unknown state machine `Ordr`.*did you mean `Order`/s,
  },
  {
    name: "an unknown schema is an unknown reference",
    given: "          address: { type: jsonb, schema: Adress }",
    want: /unknown schema `Adress`/,
  },
];

describe("column schema and stateMachine", () => {
  for (const { name, given, want } of CASES) {
    it(name, () => {
      const result = compileSpec(spec(given), "mini.yaml");
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      if (want instanceof RegExp) {
        expect(errors.map((d) => `${d.code} ${d.message} ${d.hint ?? ""}`).join("\n")).toMatch(want);
        expect(errors.every((d) => d.line > 0 && d.column > 0)).toBe(true);
        return;
      }
      expect(errors).toEqual([]);
      const store = result.model!.stores.find((s) => s.id === "ordersDb") as PostgresStore;
      const column = store.tables[0]!.columns[1]!;
      expect({ schema: column.schema, stateMachine: column.stateMachine }).toMatchObject(want);
    });
  }

  it("adds a JSON column's schema to the schemas its service uses", () => {
    const result = compileSpec(spec("          address: { type: jsonb, schema: Address }"), "mini.yaml");
    expect(computeModel(result.model!).service("orders").schemas).toContain("Address");
  });
});

describe("computed.publishesOf", () => {
  const computed = computeModel(compileSpec(spec(""), "mini.yaml").model!);

  it("gives each handler its own publishes: list", () => {
    expect(computed.publishesOf("orders", "place")).toEqual(["OrderPlaced"]);
    expect(computed.publishesOf("orders", "peek")).toEqual([]);
    expect(computed.publishesOf("orders", "audit")).toEqual([]);
  });

  it("names the closest handler when there is none", () => {
    expect(() => computed.publishesOf("orders", "plase")).toThrow(
      /no handler "orders.plase"; did you mean "orders.place"/,
    );
  });
});
