import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileFile, type Model } from "../../src/model/index.js";
import {
  createGateway,
  createLogger,
  MemoryBroker,
  startService,
  type GatewayHost,
  type HandlerMap,
  type RunningService,
} from "../../src/runtime/index.js";
import { ROOT, tempDir, type CliResult } from "./helpers.js";
import { parseJunit } from "../checks/junit.js";

const SPEC = join(ROOT, "test/generators/tests/fixtures/store/architecture.yaml");
const SECRET = "sla-test-secret-long-enough-for-hs256";
const EXAMPLE_ITEM = "0b7c5f0e-6a56-4d67-9c0b-0a4c2d1f3e11";

/** How long catalog.getItem takes; its budget is p95 50ms. */
let getItemDelayMs = 0;

const catalog: HandlerMap = {
  getItem: async (req) => {
    await new Promise((resolve) => setTimeout(resolve, getItemDelayMs));
    return req.params.itemId === EXAMPLE_ITEM
      ? { status: 200, body: { id: EXAMPLE_ITEM, name: "Lamp", price: 25 } }
      : { status: 404 };
  },
  createItem: async (req) => ({ status: 201, body: { id: randomUUID(), ...(req.body as object) } }),
  reserve: async (req) => ({ status: 201, body: req.body }),
};

const orders: HandlerMap = {
  placeOrder: async (req) => {
    const body = req.body as { itemId: string; quantity: number };
    await (req.ctx.deps.clients as Record<string, (input: unknown) => Promise<unknown>>)["catalog.reserve"]!({
      params: { itemId: body.itemId },
      body: { orderId: randomUUID(), quantity: body.quantity },
    });
    return { status: 201, body: { id: randomUUID(), ...body, customerId: req.ctx.user?.id ?? "anonymous" } };
  },
};

interface System {
  readonly gatewayUrl: string;
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** The store fixture's two services and its gateway, in this process. */
async function startStore(model: Model): Promise<System> {
  const broker = new MemoryBroker();
  const env: Record<string, string> = {
    DATABASE_URL: "pglite://memory",
    LOG_LEVEL: "silent",
    STORE_JWT_SECRET: SECRET,
  };
  const consumers = { recordSale: async () => undefined };
  const started: RunningService[] = [
    await startService({
      model,
      service: "catalog",
      handlers: catalog,
      consumers,
      env,
      port: 0,
      host: "127.0.0.1",
      broker,
    }),
  ];
  env.CATALOG_URL = started[0]!.url;
  started.push(
    await startService({ model, service: "orders", handlers: orders, env, port: 0, host: "127.0.0.1", broker }),
  );
  env.ORDERS_URL = started[1]!.url;
  const gateway: GatewayHost = createGateway({
    model,
    env,
    logger: createLogger({ level: "silent" }),
    accessLog: false,
  });
  const { url } = await gateway.listen(0, "127.0.0.1");
  return {
    gatewayUrl: url,
    env,
    close: async () => {
      await gateway.close();
      for (const service of started) await service.close();
    },
  };
}

function sla(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin/archkit.js"), "sla", SPEC, ...args],
      { env: { ...process.env, ...env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

const SHORT = ["--duration", "2s", "--warmup", "0.5s"];

describe("archkit sla against a running system (--base-url)", () => {
  let system: System;
  beforeAll(async () => {
    const { model } = await compileFile(SPEC);
    system = await startStore(model!);
  });
  afterAll(() => system?.close());

  // Real latencies on a shared machine: one stall of the test host can breach a 50ms budget, so one retry.
  it("passes when every target meets its budget, and reports the flow's budget chain", {
    timeout: 60_000,
    retry: 1,
  }, async () => {
    getItemDelayMs = 0;
    const result = await sla(["--base-url", system.gatewayUrl, ...SHORT], {
      STORE_JWT_SECRET: SECRET,
      CATALOG_URL: system.env.CATALOG_URL!,
      ORDERS_URL: system.env.ORDERS_URL!,
    });
    expect(result.stderr).not.toContain("archkit: ");
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^flow ordering\s+gateway\s+10\/10 /m);
    expect(result.stdout).toMatch(/^catalog\.getItem\s+service\s+10\/10 /m);
    expect(result.stdout).toContain(
      "✔ flow ordering: p95 budgets along its synchronous chain add up to 80ms, slo p95 200ms",
    );
    expect(result.stdout).toContain("✔ 3 targets within budget");
  });

  it("exits 1 naming the endpoint and the percentile when a handler is slower than its budget, and the JUnit file counts the failure", async () => {
    getItemDelayMs = 120;
    const out = join(await tempDir(), "sla.xml");
    const result = await sla(
      [
        "--base-url",
        system.gatewayUrl,
        ...SHORT,
        "--target",
        "catalog.getItem,ordering",
        "--report",
        "junit",
        "--out",
        out,
      ],
      { STORE_JWT_SECRET: SECRET, CATALOG_URL: system.env.CATALOG_URL! },
    );
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toMatch(/✖ catalog\.getItem: p95 1\d\d(\.\d)?ms over its 50ms budget/);
    expect(result.stdout).not.toContain("✖ flow ordering");
    const junit = await parseJunit(await readFile(out, "utf8"));
    expect(junit.failures).toBe(1);
    expect(junit.tests).toBe(3);
    expect(junit.failed).toEqual([
      {
        name: "catalog.getItem",
        message: expect.stringMatching(/^catalog\.getItem: p95 1\d\d(\.\d)?ms over its 50ms budget/),
      },
    ]);
  }, 60_000);

  it("skips the flow, saying why, when no token can be signed", async () => {
    getItemDelayMs = 0;
    const result = await sla(
      [
        "--base-url",
        system.gatewayUrl,
        "--duration",
        "1s",
        "--warmup",
        "0",
        "--target",
        "ordering,catalog.getItem",
        "--report",
        "json",
      ],
      { STORE_JWT_SECRET: "", CATALOG_URL: system.env.CATALOG_URL! },
    );
    const report = JSON.parse(result.stdout) as {
      pass: boolean;
      skipped: { name: string; reason: string }[];
      targets: { name: string; pass: boolean }[];
    };
    expect(report.skipped).toEqual([
      {
        kind: "flow",
        name: "ordering",
        reason: "orders.placeOrder needs a token: set STORE_JWT_SECRET to the gateway's secret",
      },
    ]);
    expect(report.targets.map((t) => t.name)).toEqual(["catalog.getItem"]);
    // A skipped target never fails the run: the exit code follows the measured target alone,
    // whose 50 ms budget a loaded machine can miss.
    expect(report.pass).toBe(report.targets[0]?.pass);
    expect(result.code).toBe(report.pass ? 0 : 1);
  }, 60_000);
});

describe("archkit sla input errors", () => {
  it("names a misspelled target and a bad rate without a stack trace", async () => {
    const typo = await sla(["--base-url", "http://127.0.0.1:9", "--target", "orderin"], {});
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("archkit: --target orderin is neither a flow nor an endpoint of the spec");
    expect(typo.stderr).toContain("hint: did you mean ordering?");
    const rate = await sla(["--rate", "fast"], {});
    expect(rate.stderr).toContain('archkit: --rate must be a whole number of at least 1, not "fast"');
    expect(rate.code).toBe(1);
  });

  it("says to generate the project when there is none to start", async () => {
    const result = await sla(["--dir", await tempDir()], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/archkit: no generated project in .+ \(services\/model\.json is missing\)/);
  });
});
