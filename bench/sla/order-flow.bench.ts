/**
 * The shop's order flow through the gateway at rising fixed rates, in one run: the highest rate at
 * which p95 stays under the seeds' 100 ms target (quality.latency.p95), with no failed orders and
 * the rate kept.
 *
 *   npm run build && npx tsx bench/sla/order-flow.bench.ts [--rates 10,20,40] [--duration 10s] [--warmup 2s]
 *
 * The system is the one `archkit sla` starts (examples/shop on the embedded defaults, one process
 * per service, the external simulator, a gateway without the per-client rate limit). The example
 * orders two products of the seeded catalog, whose stock (100 and 50) would run out within seconds,
 * so the bench first creates two products with ten million units each (as an admin, through the
 * gateway) and orders those instead, with the example's quantities, address and payment method.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  planTargets,
  runTarget,
  startedSystem,
  type Access,
  type SlaTarget,
  type TargetResult,
} from "../../src/checks/sla/index.js";
import { compileFile, parseDuration } from "../../src/model/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHOP = join(ROOT, "examples", "shop");

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const rates = option("rates", "10,20,40,60,80,100,120,150,200,250,300").split(",").map(Number);
const durationMs = parseDuration(option("duration", "10s"));
const warmupMs = parseDuration(option("warmup", "2s"));

async function stockedProducts(access: Access, gatewayUrl: string): Promise<string[]> {
  const token = await access.token(["admin"]);
  const ids: string[] = [];
  for (const sku of ["BENCH-TEE", "BENCH-NOTEBOOK"]) {
    const response = await fetch(`${gatewayUrl}/products`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        sku: `${sku}-${Date.now()}`,
        name: sku,
        price: { amount: 10, currency: "EUR" },
        category: "bench",
        initialStock: 10_000_000,
      }),
    });
    if (response.status !== 201)
      throw new Error(`creating ${sku} answered ${response.status}: ${await response.text()}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

function withProducts(target: SlaTarget, ids: readonly string[]): SlaTarget {
  const body = JSON.parse(target.request.body ?? "{}") as { items: { productId: string; quantity: number }[] };
  const items = body.items.map((item, i) => ({ ...item, productId: ids[i % ids.length]! }));
  return { ...target, request: { ...target.request, body: JSON.stringify({ ...body, items }) } };
}

function line(result: TargetResult): string {
  const m = result.measured;
  const l = m.latency;
  const cells = [m.offeredRps, m.achievedRps, l?.p50, l?.p90, l?.p95, l?.p99, l?.max, `${m.errorRate}%`, m.timeouts];
  return cells.map((c) => String(c ?? "-").padStart(9)).join("");
}

async function main(): Promise<void> {
  const { model } = await compileFile(join(ROOT, "architecture.yaml"));
  if (!model) throw new Error("architecture.yaml does not compile");
  const target = model.quality.latency.p95 ?? 100;
  const system = await startedSystem(model, {
    dir: SHOP,
    spec: "../../architecture.yaml",
    env: { ...process.env, LOG_LEVEL: "error" },
  });
  const results: TargetResult[] = [];
  try {
    const ids = await stockedProducts(system.access, system.access.gatewayUrl!);
    const planned = (await planTargets(model, system.access, ["orderProcessing"])).targets[0];
    if (!planned) throw new Error("the order flow could not be planned");
    const flow = withProducts(planned, ids);
    console.log(
      `order flow ${flow.request.method} ${new URL(flow.request.url).pathname} via ${flow.via}; ${durationMs / 1000}s per rate after ${warmupMs / 1000}s of warm-up; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      ["offered", "achieved", "p50", "p90", "p95", "p99", "max", "errors", "timeouts"]
        .map((h) => h.padStart(9))
        .join(""),
    );
    for (const rate of rates) {
      const result = await runTarget(flow, { rate, durationMs, warmupMs });
      results.push(result);
      console.log(line(result));
      const kept = result.measured.achievedRps >= rate * 0.9 && result.measured.errorRate === 0;
      if (!kept || (result.measured.latency?.p95 ?? Infinity) > target * 2) break;
    }
  } finally {
    await system.close();
  }
  const within = results.filter(
    (r) =>
      (r.measured.latency?.p95 ?? Infinity) <= target &&
      r.measured.errorRate === 0 &&
      r.measured.achievedRps >= r.measured.offeredRps * 0.9,
  );
  const best = within.at(-1);
  console.log(
    best
      ? `highest fixed rate with p95 under ${target}ms: ${best.measured.offeredRps} rps (p95 ${best.measured.latency?.p95}ms)`
      : `no rate kept p95 under ${target}ms`,
  );
  console.log(
    JSON.stringify({
      bench: "sla/order-flow",
      targetP95Ms: target,
      highestRps: best?.measured.offeredRps,
      steps: results.map((r) => ({
        rate: r.measured.offeredRps,
        achieved: r.measured.achievedRps,
        latency: r.measured.latency,
        errorRate: r.measured.errorRate,
        timeouts: r.measured.timeouts,
      })),
    }),
  );
}

await main();
