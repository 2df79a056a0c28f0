import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticSpec } from "../validate/generate.js";

/**
 * `archkit generate` as a whole CLI process, every target, on the shop and on a synthetic spec:
 * a first run into an empty folder, then a second run with nothing changed. Prints wall time and
 * peak RSS per run, the medians and the second/first ratio.
 *
 *   npm run build && npx tsx bench/generate/generate.bench.ts [services=500] [repeats=3] [--only targets]
 *
 * It runs a copy of the build (bin, dist, templates, package.json), so a rebuild while it runs
 * cannot change the archkit being measured.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const [count, repeats] = [Number(process.argv[2] ?? 500), Number(process.argv[3] ?? 3)];
const only = process.argv[4] === "--only" && process.argv[5] ? ["--only", process.argv[5]] : [];

interface Run {
  readonly seconds: number;
  /** user + system CPU seconds: less sensitive than wall time to other load on the machine. */
  readonly cpu: number;
  readonly peakMiB: number;
  readonly summary: string;
}

function frozenBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), "archkit-bench-build-"));
  for (const entry of ["bin", "dist", "templates", "package.json"])
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return join(dir, "bin", "archkit.js");
}

function timed(bin: string, spec: string, out: string): Run {
  const result = spawnSync(
    "/usr/bin/time",
    ["-f", "%e %M %U %S", process.execPath, bin, "generate", spec, "--out", out, ...only],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`generate failed: ${result.stderr}`);
  const [seconds, kb, user, system] = result.stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return {
    seconds: seconds!,
    cpu: user! + system!,
    peakMiB: Math.round(kb! / 1024),
    summary: result.stdout.trim().split("\n").at(-1)!,
  };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function measure(bin: string, label: string, specText: string): void {
  const dir = mkdtempSync(join(tmpdir(), "archkit-bench-"));
  const spec = join(dir, "architecture.yaml");
  writeFileSync(spec, specText);
  const firsts: Run[] = [];
  const seconds: Run[] = [];
  for (let i = 0; i < repeats; i++) {
    const out = join(dir, `out${i}`);
    const first = timed(bin, spec, out);
    const second = timed(bin, spec, out);
    if (!second.summary.startsWith("0 created, 0 updated, 0 deleted"))
      throw new Error(`the second run changed files: ${second.summary}`);
    firsts.push(first);
    seconds.push(second);
    console.log(
      `  ${label} #${i + 1}: first ${first.seconds.toFixed(2)} s (cpu ${first.cpu.toFixed(2)} s) ${first.peakMiB} MiB, second ${second.seconds.toFixed(2)} s (cpu ${second.cpu.toFixed(2)} s) ${second.peakMiB} MiB (${first.summary.split(" in ")[0]})`,
    );
    rmSync(out, { recursive: true, force: true });
  }
  const [a, b] = [median(firsts.map((r) => r.seconds)), median(seconds.map((r) => r.seconds))];
  const peak = Math.max(...firsts.map((r) => r.peakMiB), ...seconds.map((r) => r.peakMiB));
  console.log(
    `${label}: median first ${a.toFixed(2)} s, second ${b.toFixed(2)} s, second/first ${(b / a).toFixed(2)}, peak RSS ${peak} MiB`,
  );
  rmSync(dir, { recursive: true, force: true });
}

const bin = frozenBuild();
console.log(
  `archkit generate${only.length ? ` --only ${only[1]}` : ""}, whole CLI process, ${repeats} repeats (targets: shop < 1 s; ${count} services < 15 s and < 1 GiB; second <= 0.5 x first)`,
);
measure(bin, "shop", readFileSync(join(ROOT, "architecture.yaml"), "utf8"));
measure(bin, `${count} services`, syntheticSpec(count));
rmSync(join(bin, "..", ".."), { recursive: true, force: true });
