import { readFileSync } from "node:fs";
import { compileSpec } from "../../src/model/index.js";
import { syntheticSpec } from "./generate.js";

/**
 * How validate's time grows with a spec's size, in one run: the shop with glossary terms added
 * until it reaches 1 MB and 10 MB (the shape of a spec padded to keep validate busy), and synthetic
 * specs of many services at two sizes. Linear growth shows as a time per MB that stays flat; the
 * target is a 10 MB spec in under 10 s.
 *
 *   npm run bench:large-spec
 */
const shop = readFileSync(new URL("../../architecture.yaml", import.meta.url), "utf8");

function padded(bytes: number): string {
  const line = (i: number) => `  term${i}: what term ${i} means in the shop\n`;
  const lines: string[] = [];
  let size = shop.length;
  for (let i = 0; size < bytes; i++) {
    const next = line(i);
    lines.push(next);
    size += next.length;
  }
  return shop.replace(/^glossary:\n/m, `glossary:\n${lines.join("")}`);
}

function measure(label: string, text: string): number {
  globalThis.gc?.();
  const start = performance.now();
  const result = compileSpec(text, "architecture.yaml");
  const ms = performance.now() - start;
  const mb = text.length / 2 ** 20;
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  console.log(
    `${label.padEnd(30)} ${mb.toFixed(1).padStart(5)} MB  ${ms.toFixed(0).padStart(6)} ms  ${(ms / mb).toFixed(0).padStart(5)} ms/MB  ` +
      `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB  ${errors} errors`,
  );
  return ms / mb;
}

const small = measure("shop + glossary, 1 MB", padded(2 ** 20));
const large = measure("shop + glossary, 10 MB", padded(10 * 2 ** 20));
const few = measure("synthetic, 100 services", syntheticSpec(100));
const many = measure("synthetic, 400 services", syntheticSpec(400));
console.log(
  `time per MB, 10 MB / 1 MB: ${(large / small).toFixed(2)}; 400 / 100 services: ${(many / few).toFixed(2)} (1.00 is linear)`,
);
