import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { archkit, tempDir } from "./helpers.js";

const SPEC = `archkit: 1
system: { name: mini, title: Mini }
services:
  orders:
    endpoints:
      getOrder:
        method: GET
        path: /orders/{orderId}
        request: { params: { orderId: { type: string } } }
        responses: { 200: Order, 404: Problem }
      listOrders:
        method: GET
        path: /orders
        responses: { 200: { type: array, items: { $ref: Order } } }
schemas:
  Order: { type: object, required: [id], properties: { id: { type: string } } }
`;

async function project(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, "architecture.yaml"), SPEC);
  return dir;
}

const generate = async (dir: string) => {
  const result = await archkit(["generate", "--only", "services"], dir);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};

describe("archkit generate on a second run", () => {
  it("reports what the first rerun reported, notes included", async () => {
    const dir = await project();
    await generate(dir);
    const handlers = join(dir, "services/orders/src/handlers.ts");
    await writeFile(
      handlers,
      (await readFile(handlers, "utf8")).replace("async getOrder(req)", "async getOrder(req) /* mine */"),
    );
    await writeFile(
      join(dir, "architecture.yaml"),
      SPEC.replace(/ {6}listOrders:[\s\S]*?items: { \$ref: Order } } }\n/, ""),
    );
    const shrunk = await generate(dir);
    expect(shrunk).toMatch(/handlers\.ts:\d+: handler `listOrders` matches no endpoint/);
    const again = await generate(dir);
    const third = await generate(dir);
    expect(again).toMatch(
      /^note: .*handler `listOrders` matches no endpoint.*\n0 created, 0 updated, 0 deleted, \d+ unchanged in \.\n$/,
    );
    expect(third).toBe(again);
  });

  it("repairs what was touched since: an edited generated file, a deleted scaffold, a removed stub", async () => {
    const dir = await project();
    const first = await generate(dir);
    expect(first).toMatch(/^\d+ created, 0 updated/m);
    const types = join(dir, "services/orders/src/generated/types.ts");
    const original = await readFile(types, "utf8");
    await writeFile(types, `${original}// edited\n`);
    const refused = await archkit(["generate", "--only", "services"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("services/orders/src/generated/types.ts was edited by hand");
    expect(refused.stderr).toContain("nothing was written");
    const forced = await archkit(["generate", "--only", "services", "--force"], dir);
    expect(forced.stdout).toMatch(/^0 created, 1 updated, 0 deleted/m);
    expect(await readFile(types, "utf8")).toBe(original);

    await rm(join(dir, "services/orders/src/main.ts"));
    expect(await generate(dir)).toMatch(/^1 created, 0 updated, 0 deleted/m);

    const handlers = join(dir, "services/orders/src/handlers.ts");
    const text = await readFile(handlers, "utf8");
    await writeFile(handlers, text.replace(/\n\n {2}async listOrders\(req\) \{\n.*\n {2}\},/, ""));
    expect(await readFile(handlers, "utf8")).not.toContain("listOrders");
    expect(await generate(dir)).toContain("added a stub for `listOrders`");
    expect(await readFile(handlers, "utf8")).toContain('throw new NotImplemented("orders.listOrders");');
    expect(await generate(dir)).toMatch(/^0 created, 0 updated, 0 deleted, \d+ unchanged in \.$/m);
  });
});
