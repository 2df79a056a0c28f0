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
  caller:
    endpoints:
      run:
        method: POST
        path: /run
        responses: { 204: ~ }
        calls: [stock.reserve, stock.count]
  stock:
    endpoints:
      reserve:
        method: POST
        path: /items/{itemId}/reservations
        request:
          params: { itemId: { type: string } }
          query: { dryRun: { type: boolean } }
          headers: { x-tenant: { type: string } }
          body: Reserve
        responses: { 201: Reservation, 404: Problem, 409: Problem, 503: Problem }
      count:
        method: GET
        path: /items/{itemId}/count
        request: { params: { itemId: { type: string } } }
        responses: { 200: { type: object, required: [count], properties: { count: { type: integer } } } }
schemas:
  Reserve: { type: object, required: [quantity], additionalProperties: false, properties: { quantity: { type: integer } } }
  Reservation: { type: object, required: [id], properties: { id: { type: string } } }
`;

/** Code a developer of \`caller\` writes: what must compile, and what must not (each marked). */
const USES = `import type { ProblemDetails } from "archkit/runtime";
import type { Deps, StockReserveResult } from "./generated/index.js";

export async function uses(deps: Deps): Promise<string> {
  const reserve = deps.clients["stock.reserve"];
  const result: StockReserveResult = await reserve({
    params: { itemId: "i1" },
    query: { dryRun: true },
    headers: { "x-tenant": "t1" },
    body: { quantity: 2 },
  });
  if (result.status === 201) {
    const id: string = result.body.id;
    // @ts-expect-error a Reservation has no detail
    result.body.detail;
    return id;
  }
  const problem: ProblemDetails = result.body;
  const status: 404 | 409 = result.status;
  // @ts-expect-error 503 is thrown, never a result
  if (result.status === 503) return "never";
  const counted = await deps.clients["stock.count"]({ params: { itemId: "i1" } });
  const count: number = counted.body.count;
  // @ts-expect-error a wrong parameter name
  await reserve({ params: { item: "i1" }, body: { quantity: 2 } });
  // @ts-expect-error the path parameter is missing
  await reserve({ params: {}, body: { quantity: 2 } });
  // @ts-expect-error a body field of the wrong type
  await reserve({ params: { itemId: "i1" }, body: { quantity: "2" } });
  // @ts-expect-error a body field the schema does not have
  await reserve({ params: { itemId: "i1" }, body: { quantity: 2, colour: "red" } });
  // @ts-expect-error the body is required
  await reserve({ params: { itemId: "i1" } });
  // @ts-expect-error a query parameter of the wrong type
  await reserve({ params: { itemId: "i1" }, query: { dryRun: "yes" }, body: { quantity: 2 } });
  // @ts-expect-error a header the endpoint does not declare
  await reserve({ params: { itemId: "i1" }, headers: { "x-other": "o" }, body: { quantity: 2 } });
  // @ts-expect-error stock.count takes no body
  await deps.clients["stock.count"]({ params: { itemId: "i1" }, body: { quantity: 1 } });
  // @ts-expect-error stock.remove is not a call caller declares
  await deps.clients["stock.remove"]({});
  return \`\${problem.title} \${status} \${count}\`;
}
`;

async function project(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, "architecture.yaml"), SPEC);
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "archkit"));
  await symlink(join(ROOT, "node_modules", "@types"), join(dir, "node_modules", "@types"));
  const generated = await archkit(["generate", "--only", "services"], dir);
  expect(generated.code, generated.stderr).toBe(0);
  return dir;
}

async function typecheck(dir: string): Promise<string[]> {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const result = await run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: dir }).catch(
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  return result.stdout.split("\n").filter((line) => line.trim() !== "");
}

describe("generated clients.ts: typed calls", () => {
  it("compiles correct calls, narrows results on status, and rejects wrong params, bodies, headers and calls", async () => {
    const dir = await project();
    const file = join(dir, "services/caller/src/uses.ts");
    await writeFile(file, USES);
    expect(await typecheck(dir)).toEqual([]);

    const lines = USES.split("\n");
    const marked = lines.flatMap((line, i) => (line.includes("@ts-expect-error") ? [i + 2] : []));
    await writeFile(file, lines.map((line) => (line.includes("@ts-expect-error") ? "" : line)).join("\n"));
    const errors = await typecheck(dir);
    const at = [...new Set(errors.flatMap((e) => /^services\/caller\/src\/uses\.ts\((\d+),/.exec(e)?.[1] ?? []))];
    expect(errors.filter((e) => /^\S/.test(e) && !e.startsWith("services/caller/src/uses.ts("))).toEqual([]);
    expect(at.map(Number)).toEqual(marked);
  }, 180_000);
});
