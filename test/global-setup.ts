import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { linkArchkit } from "../src/dev/link.js";
import { pgliteTemplate } from "../src/dev/pglite-template.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));

/**
 * The end-to-end tests run the real CLI from dist/, so build it once before the suite. Type
 * errors do not stop the build (tsc still emits); test/typecheck.test.ts fails on them instead.
 * Services the tests start on embedded PGlite (in the test process or in children) start from one
 * PGlite template, as under `archkit dev`, instead of running initdb each time.
 * Every project of the run (vitest.config.ts) names this setup; it does its work once.
 */
export async function setup(): Promise<void> {
  if (process.env.ARCHKIT_TEST_SETUP_DONE === "1") return;
  process.env.ARCHKIT_TEST_SETUP_DONE = "1";
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (result.error) throw result.error;
  process.env.ARCHKIT_PGLITE_TEMPLATE ??= await pgliteTemplate(root);
  await linkArchkit(fileURLToPath(new URL("../examples/shop", import.meta.url)));
}
