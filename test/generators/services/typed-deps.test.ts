import { execFile } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { archkit, ROOT, tempDir } from "../../cli/helpers.js";

const run = promisify(execFile);

const SPEC = `archkit: 1
system: { name: typed, title: Typed }
services:
  orders:
    stores: [ordersDb]
    stateMachines: [Order]
    endpoints:
      place:
        method: POST
        path: /orders
        request: { body: Order }
        responses: { 201: Order }
        publishes: [OrderPlaced]
    consumes:
      OrderPlaced: { handler: audit, deadLetter: true, publishes: [OrderAudited] }
  auditor:
    consumes:
      OrderAudited: { handler: note, deadLetter: true }
events:
  OrderPlaced: { schema: Order, key: id }
  OrderAudited: { schema: Order, key: id }
stores:
  ordersDb:
    kind: postgres
    tables:
      orders:
        columns:
          id: { type: text, primaryKey: true }
          status: { type: text, stateMachine: Order }
          address: { type: jsonb, schema: Address }
          note: { type: text, nullable: true }
stateMachines:
  Order:
    initial: open
    states: [open, paid]
    transitions: [{ from: open, to: paid, on: pay }]
schemas:
  Order: { type: object, required: [id], properties: { id: { type: string } } }
  Address: { type: object, required: [city], additionalProperties: false, properties: { city: { type: string } } }
`;

const GOOD = `import { json } from "archkit/runtime";
import type { Handlers, PlaceDeps } from "./generated/index.js";

export async function good(deps: PlaceDeps): Promise<string> {
  const row = await deps.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
  const city: string = row.address.city;
  const status: "open" | "paid" = row.status;
  const note: string | null = row.note;
  await deps.db.insertInto("orders").values({ id: "1", status: "open", address: json({ city: "Graz" }) }).execute();
  await deps.tx(async (tx) => {
    await tx.db.updateTable("orders").set({ status: "paid" }).where("id", "=", "1").execute();
    await tx.publish("OrderPlaced", { id: "1" });
  });
  await deps.publish("OrderPlaced", { id: "1" });
  return \`\${city} \${status} \${note}\`;
}

export const audit: Handlers["audit"] = async (payload, context) => {
  await context.deps.db.selectFrom("orders").select(["id", "status"]).execute();
  await context.deps.publish("OrderAudited", payload);
};
`;

/** Each line must fail to compile; the reason follows it. */
const BAD: readonly (readonly [string, string])[] = [
  ['await deps.db.selectFrom("payments").selectAll().execute();', "a table the service's stores do not hold"],
  ['await deps.db.selectFrom("orders").select("total").execute();', "a column the table does not declare"],
  ['await deps.db.updateTable("orders").set({ status: "shipped" }).execute();', "a state the machine does not list"],
  [
    'await deps.db.insertInto("orders").values({ id: "2", status: "open", address: json({ town: "Graz" }) }).execute();',
    "a JSON value that is not of the column's schema",
  ],
  [
    'await deps.db.insertInto("orders").values({ id: "3", status: "open", address: { city: "Graz" } }).execute();',
    "a JSON column written without json()",
  ],
  ['await deps.publish("OrderAudited", { id: "1" });', "an event the endpoint does not declare"],
  ['await deps.tx(async (tx) => tx.publish("OrderAudited", { id: "1" }));', "the same, inside a transaction"],
  ['await audit.publish("OrderPlaced", { id: "1" });', "an event the consumer does not declare"],
];

function badFile(directives: boolean): string {
  const lines = BAD.flatMap(([code, why]) => [...(directives ? [`  // @ts-expect-error ${why}`] : []), `  ${code}`]);
  return [
    'import { json } from "archkit/runtime";',
    'import type { AuditDeps, PlaceDeps } from "./generated/index.js";',
    "",
    "export async function bad(deps: PlaceDeps, audit: AuditDeps): Promise<void> {",
    ...lines,
    "}",
    "",
  ].join("\n");
}

async function project(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, "architecture.yaml"), SPEC);
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "archkit"));
  await symlink(join(ROOT, "node_modules", "@types"), join(dir, "node_modules", "@types"));
  return dir;
}

async function typecheck(dir: string): Promise<string> {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir }).catch(
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  return result.stdout.trim();
}

describe("generated deps are typed from the spec", () => {
  it("compiles queries on declared tables, columns, states and JSON schemas and declared publishes; rejects each undeclared one", async () => {
    const dir = await project();
    const generated = await archkit(["generate", "--only", "services"], dir);
    expect(generated.code, generated.stderr).toBe(0);
    const src = join(dir, "services/orders/src");
    await writeFile(join(src, "good.ts"), GOOD);
    await writeFile(join(src, "bad.ts"), badFile(true));
    expect(await typecheck(dir)).toBe("");

    await writeFile(join(src, "bad.ts"), badFile(false));
    const errors = (await typecheck(dir)).split("\n").filter((line) => /error TS\d+/.test(line));
    const lines = [...new Set(errors.map((e) => Number(/bad\.ts\((\d+),/.exec(e)?.[1])))];
    expect(lines).toEqual(BAD.map((_, i) => i + 5));
  }, 180_000);
});
