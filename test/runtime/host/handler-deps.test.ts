import { afterAll, describe, expect, it } from "vitest";
import { compileSpec } from "../../../src/model/index.js";
import { MemoryBroker, type RunningService, startService } from "../../../src/runtime/index.js";

const SPEC = `archkit: 1
system: { name: depsdemo, title: Deps demo }
services:
  orders:
    stores: [ordersDb]
    endpoints:
      place:
        method: POST
        path: /orders
        request: { body: Placed }
        responses: { 201: Placed, 409: Problem }
        publishes: [OrderPlaced]
      peek:
        method: GET
        path: /orders
        responses: { 200: Placed }
  billing:
    stores: [billingDb]
    consumes:
      OrderPlaced: { handler: bill, deadLetter: true, retries: 2, publishes: [Billed] }
  audit:
    consumes:
      Billed: { handler: record, deadLetter: true }
events:
  OrderPlaced: { schema: Placed, key: id }
  Billed: { schema: Placed, key: id }
stores:
  ordersDb:
    kind: postgres
    tables:
      orders: { columns: { id: { type: text, primaryKey: true }, sku: { type: text } } }
  billingDb:
    kind: postgres
    tables:
      invoices: { columns: { id: { type: text, primaryKey: true }, attempt: { type: integer } } }
schemas:
  Placed: { type: object, required: [id, sku], properties: { id: { type: string }, sku: { type: string } } }
`;

type Row = { id: string; sku: string };
type Query = {
  insertInto(table: string): { values(v: unknown): { execute(): Promise<unknown> } };
  selectFrom(table: string): { selectAll(): { execute(): Promise<unknown[]> } };
};
interface Deps {
  readonly db: Query;
  readonly publish: (event: string, payload: unknown) => Promise<unknown>;
  readonly tx: <T>(work: (tx: { db: Query; publish: Deps["publish"] }) => Promise<T>) => Promise<T>;
}

const running: RunningService[] = [];
afterAll(async () => {
  for (const service of running.reverse()) await service.close();
});

describe("handler deps: db, tx with outbox publishing, per-handler publish, consumers' deps", () => {
  it("commits a tx's rows and events together, rolls both back on a throw, and gives consumers their delivery's transaction", async () => {
    const { model, ok, diagnostics } = compileSpec(SPEC, "deps.yaml");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(ok).toBe(true);
    const broker = new MemoryBroker();
    const env = { DATABASE_URL: "pglite://memory", LOG_LEVEL: "silent" };
    const recorded: unknown[] = [];
    const refused: string[] = [];
    running.push(
      await startService({
        model: model!,
        service: "audit",
        handlers: {},
        consumers: { record: async (payload) => void recorded.push(payload) },
        env,
        port: 0,
        broker,
      }),
    );
    let attempts = 0;
    const billing = await startService({
      model: model!,
      service: "billing",
      handlers: {},
      consumers: {
        bill: async (payload: Row, context) => {
          const { deps } = context as unknown as { deps: Deps };
          attempts++;
          await deps.db.insertInto("invoices").values({ id: payload.id, attempt: attempts }).execute();
          await deps.publish("Billed", payload);
          await deps.publish("OrderPlaced", payload).catch((error: Error) => refused.push(error.message));
          if (attempts === 1) throw new Error("first attempt fails after writing: its row and event roll back");
        },
      },
      env,
      port: 0,
      broker,
    });
    running.push(billing);
    const orders = await startService({
      model: model!,
      service: "orders",
      handlers: {
        place: async (req) => {
          const deps = req.ctx.deps as Deps;
          const order = req.body as Row;
          try {
            await deps.tx(async (tx) => {
              await tx.db.insertInto("orders").values(order).execute();
              await tx.publish("OrderPlaced", order);
              if (order.sku === "rollback") throw new Error("rolled back");
            });
          } catch {
            return { status: 409, body: { type: "about:blank", title: "Conflict", status: 409 } };
          }
          return { status: 201, body: order };
        },
        peek: async (req) => {
          const deps = req.ctx.deps as Deps;
          await deps.publish("OrderPlaced", { id: "x", sku: "x" }).catch((error: Error) => refused.push(error.message));
          const rows = (await deps.db.selectFrom("orders").selectAll().execute()) as Row[];
          return { status: 200, body: rows[0] ?? { id: "none", sku: "none" } };
        },
      },
      env,
      port: 0,
      broker,
    });
    running.push(orders);
    const post = (body: Row) =>
      fetch(`${orders.url}/orders`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    expect((await post({ id: "o-0", sku: "rollback" })).status).toBe(409);
    expect((await post({ id: "o-1", sku: "pen" })).status).toBe(201);
    await expect.poll(() => recorded, { timeout: 60_000 }).toEqual([{ id: "o-1", sku: "pen" }]);
    expect(await orders.db!.db.selectFrom("orders").selectAll().execute()).toEqual([{ id: "o-1", sku: "pen" }]);
    expect(await billing.db!.db.selectFrom("invoices").selectAll().execute()).toEqual([{ id: "o-1", attempt: 2 }]);
    expect(attempts).toBe(2);
    expect((await fetch(`${orders.url}/orders`)).status).toBe(200);
    expect(refused).toEqual([
      expect.stringMatching(/cannot publish OrderPlaced from service billing: handler bill does not list it/),
      expect.stringMatching(/cannot publish OrderPlaced from service billing: handler bill does not list it/),
      expect.stringMatching(
        /cannot publish OrderPlaced from service orders: handler peek does not list it.*peek publishes nothing/,
      ),
    ]);
    expect(await orders.bus.outboxLag()).toEqual({ count: 0, oldestAgeMs: 0 });
  }, 120_000);
});
