import { describe, expect, it } from "vitest";
import { exampleUuid, invalidPayload } from "../../../src/checks/requests/index.js";
import { exampleDocuments, exampleRows } from "../../../src/generators/services/fixture-examples.js";
import {
  compileSpec,
  computeModel,
  type DocumentStore,
  type Model,
  type PostgresStore,
} from "../../../src/model/index.js";

const SPEC = `archkit: 1
system: { name: mini, title: Mini }
services:
  shop:
    stores: [shopDb, docs]
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ } }
    consumes:
      Paid: { handler: markPaid, retries: 1, deadLetter: true }
      Pinged: { handler: logPing, retries: 1, deadLetter: true }
  billing:
    endpoints:
      pay: { method: POST, path: /pay, responses: { 204: ~ }, publishes: [Paid, Pinged] }
events:
  Paid: { schema: PaidPayload }
  Pinged: { schema: { type: object } }
stores:
  shopDb:
    kind: postgres
    tables:
      lines:
        columns:
          id: { type: bigserial, primaryKey: true }
          orderCode: { type: text, references: orders.code }
          quantity: { type: integer, default: 1 }
          price: { type: numeric }
          note: { type: text, nullable: true }
      orders:
        columns:
          code: { type: text, primaryKey: true }
          customerId: { type: uuid }
          address: { type: jsonb }
          placedAt: { type: timestamptz }
          day: { type: date, default: now() }
          paid: { type: boolean }
  docs:
    kind: document
    collections:
      notes: { schema: Note }
schemas:
  Note: { type: object, required: [id, text], properties: { id: { type: string, format: uuid }, text: { type: string } } }
  PaidPayload: { type: object, required: [orderId], properties: { orderId: { type: string, format: uuid }, amount: { type: number } } }
`;

function model(): Model {
  const result = compileSpec(SPEC, "mini.yaml");
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.model!;
}

describe("example fixture rows", () => {
  it("come in foreign-key order with the primary key and every column the database cannot fill in", () => {
    const m = model();
    const uuid = exampleUuid(m);
    expect(exampleRows(computeModel(m), m.stores.find((s) => s.id === "shopDb") as PostgresStore)).toEqual([
      {
        table: "orders",
        row: `{ code: "orders code", customerId: "${uuid}", address: {}, placedAt: new Date("2026-01-15T10:30:00.000Z"), paid: false }`,
      },
      { table: "lines", row: `{ id: "1", orderCode: "orders code", price: "1" }` },
    ]);
  });

  it("sample each collection's document from its schema, with the document's own id", () => {
    const m = model();
    const [notes] = exampleDocuments(m, m.stores.find((s) => s.id === "docs") as DocumentStore);
    expect(notes?.collection).toBe("notes");
    expect(JSON.parse(notes?.document ?? "")).toEqual({
      id: exampleUuid(m),
      data: { id: exampleUuid(m), text: expect.any(String) },
    });
  });
});

describe("invalidPayload", () => {
  const event = (m: Model, id: string) => m.events.find((e) => e.id === id)!;
  const ORDER = "7d444840-9dc0-41e5-8b1e-6a7f2a1b0c01";
  const cases = [
    {
      name: "leaves out the first property the schema requires",
      event: "Paid",
      valid: { amount: 1, orderId: ORDER },
      want: { kind: "ok", payload: { amount: 1 }, change: "leaves out the property orderId" },
    },
    {
      name: "sends an array when no property is required and any type passes",
      event: "Pinged",
      valid: { a: 1 },
      want: { kind: "ok", payload: [], change: "is an array" },
    },
  ] as const;
  for (const c of cases)
    it(c.name, () => expect(invalidPayload(model(), event(model(), c.event), c.valid)).toEqual(c.want));
});
