import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { CREATE_PRODUCT } from "./apps.js";
import { merge, report, type RunStats } from "./stats.js";

/**
 * The runtime's overhead, measured: autocannon against POST /products on the runtime (request and
 * response validation, metrics, correlation ids, one access-log line per request to /dev/null or
 * BENCH_LOG) and against bare Express 5 doing the same work by hand, with the same connections and
 * duration, alternating rounds so drift hits both. Not part of the test suite:
 *
 *   npx tsx bench/runtime/http/http.bench.ts
 *
 * Both servers load archkit from `dist/` (built first, as services run it in production; tsx's
 * transform would otherwise wrap every closure the runtime makes per request); BENCH_FROM=src
 * runs the sources instead. BENCH_CONNECTIONS (default 50), BENCH_DURATION seconds per round (default 10), BENCH_ROUNDS
 * (default 3), BENCH_WARMUP seconds (default 3).
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const LOG = process.env.BENCH_LOG ?? "/dev/null";
const TARGET = 0.9;
const FROM = process.env.BENCH_FROM === "src" ? "src" : "dist";

type Kind = "runtime" | "bare";
type Sample = Omit<RunStats, "p50" | "p95" | "p99" | "name">;

async function startServer(kind: Kind): Promise<{ url: string; child: ChildProcess }> {
  const tsx = fileURLToPath(new URL("../../../node_modules/tsx/dist/cli.mjs", import.meta.url));
  const script = fileURLToPath(new URL("./server.ts", import.meta.url));
  const child = spawn(process.execPath, [tsx, script, kind, LOG, FROM], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  let output = "";
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    const match = /READY (\d+)/.exec(output);
    if (match) return { url: `http://127.0.0.1:${match[1]}`, child };
  }
  throw new Error(`${kind} server exited before it was ready`);
}

/** The server's CPU time so far, asked over IPC. */
async function cpuMicros(child: ChildProcess): Promise<number> {
  child.send("cpu");
  const [message] = (await once(child, "message")) as [{ cpuMicros: number }];
  return message.cpuMicros;
}

async function measured(
  server: { url: string; child: ChildProcess },
  seconds: number,
  samples: number[],
): Promise<Sample> {
  const before = await cpuMicros(server.child);
  const run = await load(server.url, seconds, samples);
  return { ...run, cpuMicros: (await cpuMicros(server.child)) - before };
}

function load(url: string, seconds: number, samples?: number[]): Promise<Omit<Sample, "cpuMicros">> {
  return new Promise((resolve, reject) => {
    const options = {
      url: `${url}/products`,
      method: "POST" as const,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(CREATE_PRODUCT),
      connections: CONNECTIONS,
      duration: seconds,
    };
    const instance = autocannon(options, (error, result) => {
      if (error) reject(error);
      else
        resolve({
          requests: result.requests.total,
          seconds,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        });
    });
    if (samples) instance.on("response", (_client, _status, _bytes, responseTime) => samples.push(responseTime));
  });
}

function build(): void {
  const tsc = fileURLToPath(new URL("../../../node_modules/typescript/bin/tsc", import.meta.url));
  const project = fileURLToPath(new URL("../../../tsconfig.build.json", import.meta.url));
  const result = spawnSync(process.execPath, [tsc, "-p", project], { stdio: "inherit" });
  if (result.status !== 0) console.warn("the build reported errors; dist/ may be stale");
}

async function main(): Promise<void> {
  if (FROM === "dist") build();
  const servers = { bare: await startServer("bare"), runtime: await startServer("runtime") };
  try {
    console.log(
      `archkit from ${FROM}/; warming up ${WARMUP}s each; then ${ROUNDS} rounds of ${DURATION}s per server, ${CONNECTIONS} connections, logs to ${LOG}`,
    );
    for (const kind of ["bare", "runtime"] as const) await load(servers[kind].url, WARMUP);
    const runs: Record<Kind, Sample[]> = { bare: [], runtime: [] };
    const samples: Record<Kind, number[]> = { bare: [], runtime: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? (["bare", "runtime"] as const) : (["runtime", "bare"] as const)) {
        const run = await measured(servers[kind], DURATION, samples[kind]);
        runs[kind].push(run);
        console.log(
          `round ${round + 1} ${kind.padEnd(7)} ${(run.requests / run.seconds).toFixed(0)} rps, ${(run.cpuMicros / run.requests).toFixed(0)}µs CPU per request`,
        );
      }
    }
    console.log(
      `\n${report(merge("runtime", runs.runtime, samples.runtime), merge("bare", runs.bare, samples.bare), TARGET)}`,
    );
  } finally {
    for (const { child } of Object.values(servers)) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }
}

await main();
