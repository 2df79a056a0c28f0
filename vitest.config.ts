import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { LongestFirst } from "./test/sequencer.js";

const ci = process.env.CI === "true";

/**
 * Files that measure latency against the spec's budgets: they run one at a time after everything
 * else, on a quiet machine, so a parallel test cannot push a p95 over its budget.
 */
const TIMING = ["test/cli/sla-shop.test.ts", "test/cli/sla.test.ts", "test/checks/sla.test.ts"];

/**
 * Most files wait on child processes, servers and the network rather than on the CPU, so the
 * parallel group runs more workers than there are cores (ARCHKIT_TEST_WORKERS overrides).
 */
const workers = Number(process.env.ARCHKIT_TEST_WORKERS ?? Math.max(2, availableParallelism() + 1));

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ci ? ["default", "json"] : ["default"],
    outputFile: ci ? { json: ".ci/results.json" } : undefined,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: "parallel",
          include: ["test/**/*.test.ts", "src/**/*.test.ts"],
          exclude: TIMING,
          maxWorkers: workers,
          sequence: { sequencer: LongestFirst, groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "timing",
          include: TIMING,
          fileParallelism: false,
          sequence: { sequencer: LongestFirst, groupOrder: 1 },
        },
      },
    ],
  },
});
