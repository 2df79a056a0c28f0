import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const run = promisify(execFile);

it("the whole project (sources, tests, benchmarks, scripts) type-checks under strict settings", async () => {
  const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
  const result = await run(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  expect(result.stdout.trim()).toBe("");
}, 120_000);
