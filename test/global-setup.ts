import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { linkArchkit } from "../src/dev/link.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));

/**
 * The end-to-end tests run the real CLI from dist/, so build it once before the suite. Type
 * errors do not stop the build (tsc still emits); test/typecheck.test.ts fails on them instead.
 */
export async function setup(): Promise<void> {
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (result.error) throw result.error;
  await linkArchkit(fileURLToPath(new URL("../examples/shop", import.meta.url)));
}
