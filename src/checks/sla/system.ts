import type { Model } from "../../model/index.js";
import { IDENTITY_SECRET_ENV } from "../../model/naming.js";
import { createGateway, createLogger, GATEWAY_WORKLOAD, issueToken, urlVariable } from "../../runtime/index.js";
import { LOAD_SUBJECT, type Access } from "./targets.js";

type Env = Readonly<Record<string, string | undefined>>;

/** The system under load and how it was reached. */
export interface SlaSystem {
  readonly access: Access;
  /** For the report: the base URL, or how archkit started it. */
  readonly description: string;
  readonly notes: readonly string[];
  close(): Promise<void>;
}

/**
 * A running system: `baseUrl` is its gateway; internal endpoints are reached through
 * `<SERVICE>_URL`, signed as their declared caller with keys derived from `ARCHKIT_IDENTITY_SECRET`
 * when it is set; tokens are signed with the gateway's secret variable when it is set.
 *
 * @example
 * const system = remoteSystem(model, "https://staging.example.com", process.env);
 */
export function remoteSystem(model: Model, baseUrl: string, env: Env): SlaSystem {
  const secretEnv = model.gateway?.auth?.secretEnv ?? "JWT_SECRET";
  return {
    access: {
      gatewayUrl: baseUrl.replace(/\/+$/, ""),
      serviceUrl: (id) => env[urlVariable("service", id)],
      token: (roles) => signer(model, env[secretEnv])(roles),
      tokenHint: `set ${secretEnv} to the gateway's secret`,
      ...(env[IDENTITY_SECRET_ENV] ? { identitySecret: env[IDENTITY_SECRET_ENV] } : {}),
    },
    description: baseUrl,
    notes: [],
    close: async () => undefined,
  };
}

export interface StartOptions {
  /** The generated project (holds services/model.json). */
  readonly dir: string;
  /** The spec, relative to `dir`. */
  readonly spec?: string;
  readonly env: Env;
  /** As `archkit dev`: `"model"` (default) the model's ports where free, `"free"` ports the OS picks. */
  readonly ports?: "model" | "free";
  /** Where the services' output goes; default nowhere. */
  readonly log?: (service: string, line: string) => void;
}

/**
 * Starts the project on the embedded defaults with `archkit dev`'s `startSystem` (one process per
 * service, the external simulator, the embedded broker). When the spec rate-limits the gateway per
 * client, the load goes through a second gateway built the same way but without that limit: the
 * load stands for many clients, not one.
 *
 * @example
 * const system = await startedSystem(model, { dir: "examples/shop", spec: "../../architecture.yaml", env: process.env });
 */
export async function startedSystem(model: Model, options: StartOptions): Promise<SlaSystem> {
  const { startSystem } = await import("../../dev/index.js");
  const running = await startSystem({
    dir: options.dir,
    spec: options.spec,
    env: { ...options.env, LOG_LEVEL: options.env.LOG_LEVEL ?? "warn" },
    ports: options.ports ?? "model",
    log: options.log,
  });
  const urls = new Map(running.services.map((s) => [s.id, s.url]));
  const secretEnv = model.gateway?.auth?.secretEnv;
  const secret = secretEnv === undefined ? undefined : running.env[secretEnv];
  const notes: string[] = [];
  let gatewayUrl = running.gatewayUrl;
  let closeGateway = async (): Promise<void> => undefined;
  if (model.gateway?.rateLimit && running.gatewayUrl !== undefined) {
    const gateway = createGateway({
      model,
      targets: Object.fromEntries(urls),
      env: running.workloadEnv(GATEWAY_WORKLOAD),
      logger: createLogger({ level: "silent" }),
      accessLog: false,
      rateLimitStore: UNLIMITED,
    });
    gatewayUrl = (await gateway.listen(0, "127.0.0.1")).url;
    closeGateway = () => gateway.close();
    notes.push(
      `flows go through a gateway without the spec's per-client rate limit (${model.gateway.rateLimit.requests} per ${model.gateway.rateLimit.perMs / 1000}s): the load stands for many clients`,
    );
  }
  return {
    access: {
      gatewayUrl,
      serviceUrl: (id) => urls.get(id),
      token: signer(model, secret),
      tokenHint: "the gateway declares no shared-secret auth",
      identitySecret: running.identitySecret,
    },
    description: `started by archkit (${running.services.length} services, embedded defaults${running.gatewayUrl === undefined ? "" : `, gateway ${running.gatewayUrl}`})`,
    notes,
    close: async () => {
      await closeGateway();
      await running.close();
    },
  };
}

function signer(model: Model, secret: string | undefined): Access["token"] {
  return async (roles) => {
    const auth = model.gateway?.auth;
    if (!auth || secret === undefined || secret === "" || !auth.algorithms.some((a) => a.startsWith("HS")))
      return undefined;
    return (await issueToken({ sub: LOAD_SUBJECT, roles }, { auth, secret, expiresIn: "1h" })).accessToken;
  };
}

/** A rate-limit store that never counts. */
const UNLIMITED = {
  async increment() {
    return { totalHits: 1, resetTime: new Date(Date.now() + 60_000) };
  },
  async decrement() {},
  async resetKey() {},
};
