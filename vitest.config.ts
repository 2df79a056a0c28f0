import { defineConfig } from "vitest/config";

const ci = process.env.CI === "true";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ci ? ["default", "json"] : ["default"],
    outputFile: ci ? { json: ".ci/results.json" } : undefined,
  },
});
