import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * From `archkit dev` on a copy of the example shop to every service and the gateway answering:
 * the wall time of the whole CLI process until `.archkit/dev.json` appears (generate included),
 * and the `startupMs` archkit dev reports (simulator, broker, PGlite template, services, gateway).
 * The first run makes the PGlite template; the others reuse it.
 *
 *   npm run build && npx tsx bench/dev/startup.bench.ts [runs=5]
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const runs = Number(process.argv[2] ?? 5);

async function once(dir: string): Promise<{ wall: number; reported: number }> {
  const state = join(dir, ".archkit", "dev.json");
  rmSync(state, { force: true });
  const began = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "bin", "archkit.js"), "dev", dir, "--free-ports", "--no-watch"], {
    stdio: "ignore",
  });
  while (!existsSync(state)) {
    if (child.exitCode !== null) throw new Error(`archkit dev exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const wall = performance.now() - began;
  await new Promise((resolve) => setTimeout(resolve, 50));
  const reported = (JSON.parse(readFileSync(state, "utf8")) as { startupMs: number }).startupMs;
  child.kill("SIGINT");
  await new Promise((resolve) => child.once("exit", resolve));
  return { wall, reported };
}

const dir = mkdtempSync(join(tmpdir(), "archkit-bench-dev-"));
cpSync(join(ROOT, "examples", "shop"), dir, { recursive: true, filter: (source) => !source.includes("node_modules") });
cpSync(join(ROOT, "architecture.yaml"), join(dir, "architecture.yaml"));
const results: { wall: number; reported: number }[] = [];
for (let i = 0; i < runs; i++) {
  const run = await once(dir);
  results.push(run);
  console.log(
    `run ${i + 1}${i === 0 ? " (makes the PGlite template)" : ""}: ${(run.wall / 1000).toFixed(2)} s to ready (archkit dev reports ${(run.reported / 1000).toFixed(2)} s)`,
  );
}
const later = results
  .slice(1)
  .map((r) => r.wall)
  .sort((a, b) => a - b);
if (later.length > 0)
  console.log(`median of the runs after the first: ${(later[Math.floor(later.length / 2)]! / 1000).toFixed(2)} s`);
rmSync(dir, { recursive: true, force: true });
