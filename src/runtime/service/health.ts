import { setTimeout as sleep } from "node:timers/promises";
import express, { type Express } from "express";
import type { Registry } from "prom-client";
import type { LifecycleState } from "./lifecycle.js";
import { HttpProblem, sendProblem } from "./problem.js";
import { unreachable } from "./unreachable.js";

/** One named readiness check; false or a throw means not ready. */
export interface ReadinessCheck {
  readonly name: string;
  readonly check: () => Promise<boolean>;
}

export interface HealthOptions {
  readonly state: () => LifecycleState;
  readonly checks: readonly ReadinessCheck[];
  readonly registry: Registry;
  /** Each check must answer within this time (default 2 s). */
  readonly checkTimeoutMs?: number;
}

/**
 * Mounts the probes `/healthz` (the process answers) and `/readyz` (listening, not shutting down,
 * every check passes; 503 problem+json otherwise) directly on the app, so other requests pay for
 * no extra router. `/metrics` is not among them: it is served by `adminApp` on the admin port.
 *
 * @example
 * mountHealth(app, { state: host.state, checks: [{ name: "db", check: () => db.ping() }], registry });
 */
export function mountHealth(router: Express, options: HealthOptions): void {
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    const state = options.state();
    if (state.kind !== "ready") {
      sendProblem(res, new HttpProblem(503, "Service Unavailable", notReadyReason(state)), req.path);
      return;
    }
    const results = await runChecks(options.checks, options.checkTimeoutMs ?? 2_000);
    const failing = Object.entries(results)
      .filter(([, ok]) => !ok)
      .map(([name]) => name);
    if (failing.length > 0) {
      sendProblem(res, new HttpProblem(503, "Service Unavailable", `not ready: ${failing.join(", ")}`), req.path);
      return;
    }
    res.json({ status: "ready", checks: results });
  });
}

/**
 * The app of the admin port (`adminPort` in naming.ts): `/metrics` (the registry in Prometheus text
 * format) and the same probes as the main port; anything else is a 404 problem+json.
 *
 * @example
 * const admin = adminApp({ state: host.state, checks: [], registry });
 */
export function adminApp(options: HealthOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  mountHealth(app, options);
  app.get("/metrics", async (_req, res) => {
    res.setHeader("content-type", options.registry.contentType);
    res.end(await options.registry.metrics());
  });
  app.use((req, res) => {
    sendProblem(
      res,
      new HttpProblem(404, "Not Found", `the admin port serves /metrics, /healthz and /readyz, not ${req.path}`),
      req.path,
    );
  });
  return app;
}

function notReadyReason(state: Exclude<LifecycleState, { kind: "ready" }>): string {
  switch (state.kind) {
    case "starting":
      return "starting";
    case "stopping":
      return "shutting down";
    case "stopped":
      return "stopped";
    default:
      return unreachable(state);
  }
}

async function runChecks(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<Record<string, boolean>> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const ok = await Promise.race([check().catch(() => false), sleep(timeoutMs, false, { ref: false })]);
      return [name, ok] as const;
    }),
  );
  return Object.fromEntries(results);
}
