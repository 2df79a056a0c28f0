import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticSpec } from "../validate/generate.js";

/** `archkit generate` as a whole CLI process (wall time, peak memory) on the shop and a synthetic spec; first and second run. */
const bin = fileURLToPath(new URL("../../bin/archkit.js", import.meta.url));
const shop = fileURLToPath(new URL("../../architecture.yaml", import.meta.url));

function timed(dir: string): { seconds: number; peakMiB: number } {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, bin, "generate", "--only", "services"], { cwd: dir, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`generate failed: ${result.stderr}`);
  const [seconds, kb] = result.stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return { seconds: seconds!, peakMiB: Math.round(kb! / 1024) };
}

function measure(label: string, spec: string): void {
  const dir = mkdtempSync(join(tmpdir(), "archkit-bench-"));
  writeFileSync(join(dir, "architecture.yaml"), spec);
  const first = timed(dir);
  const second = timed(dir);
  console.log(`${label.padEnd(24)} first ${first.seconds.toFixed(2)} s ${first.peakMiB} MiB   second ${second.seconds.toFixed(2)} s ${second.peakMiB} MiB   ratio ${(second.seconds / first.seconds).toFixed(2)}`);
  rmSync(dir, { recursive: true, force: true });
}

measure("shop", execFileSync("cat", [shop], { encoding: "utf8" }));
measure(`synthetic ${process.argv[2] ?? 500} services`, syntheticSpec(Number(process.argv[2] ?? 500)));
