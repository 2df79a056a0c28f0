import { readFileSync } from "node:fs";
import { compileSpec } from "../../src/model/index.js";
import { syntheticSpec } from "./generate.js";

/** Validate the example and a generated 500-service spec in-process; report time and memory. */
function measure(label: string, text: string, runs: number): void {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let start = performance.now();
  const first = compileSpec(text, label);
  const cold = performance.now() - start;
  const heapAfter = process.memoryUsage().heapUsed;
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    start = performance.now();
    compileSpec(text, label);
    warm.push(performance.now() - start);
  }
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? cold;
  const errors = first.diagnostics.filter((d) => d.severity === "error").length;
  console.log(
    `${label.padEnd(28)} ${String(text.split("\n").length).padStart(7)} lines  first ${cold.toFixed(0).padStart(5)} ms  median ${median.toFixed(0).padStart(5)} ms  ` +
      `heap +${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB  ` +
      `${first.diagnostics.length} diagnostics (${errors} errors)`,
  );
}

const example = readFileSync(new URL("../../architecture.yaml", import.meta.url), "utf8");
const size = Number(process.argv[2] ?? 500);
const synthetic = syntheticSpec(size);
measure("example (architecture.yaml)", example, 20);
measure(`synthetic ${size} services`, synthetic, 5);
