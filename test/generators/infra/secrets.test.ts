import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { architectureJson } from "../../../src/generators/infra/project.js";
import {
  describeInfra,
  loadPulumiSdk,
  manifestFiles,
  REDACTED,
  runUnderMocks,
  transpileTemplates,
  type RenderedObject,
} from "../../../src/generators/infra/index.js";
import { deriveWorkloadKey, trustedKeys } from "../../../src/runtime/identity/index.js";
import { generatedFiles, manifests, render, ROOT, shopModel } from "./helpers.js";

const JWT = "jwt-TOPSECRET-4f1c";
const MASTER = "store-TOPSECRET-9a7e";
const IDENTITY = "identity-TOPSECRET-3b2d";
const DATABASE = "postgres://orders:db-TOPSECRET-77@db.example.net:5432/orders";

/** Run the shop's program with real-looking secrets in its stack settings. */
async function runWithSecrets(stack: string, config: Record<string, string>): Promise<readonly RenderedObject[]> {
  const architecture = describeInfra(await shopModel());
  const files = [...(await transpileTemplates()), { path: "architecture.json", text: architectureJson(architecture) }];
  const full: Record<string, string> = {
    "shop:paymentGatewayUrl": "https://pay.example.net",
    "shop:emailProviderUrl": "https://mail.example.net",
    "shop:smsProviderUrl": "https://sms.example.net",
    "shop:usersShopAdminEmail": "admin@shop.example.com",
    "shop:usersShopAdminPassword": "admin-TOPSECRET",
  };
  for (const [key, value] of Object.entries(config)) full[`shop:${key}`] = value;
  const secretKeys = architecture.requiredConfig.filter((c) => c.secret).map((c) => `shop:${c.key}`);
  const run = await runUnderMocks(loadPulumiSdk(`${ROOT}no-such-infra`), files, {
    project: "shop",
    stack,
    config: full,
    secretKeys,
  });
  return run.objects;
}

describe("workload keys", () => {
  it("are the runtime's keys derived from the stack's identitySecret: each workload's own in its Secret, every public one (the same the runtime derives) in each Deployment", async () => {
    const objects = await runWithSecrets("production", {
      jwtSecret: JWT,
      storeSecret: MASTER,
      identitySecret: IDENTITY,
    });
    const workloads = ["gateway", "users", "products", "orders", "payments", "notifications"];
    for (const id of workloads) {
      const secret = objects.find((o) => o.kind === "Secret" && o.name === `${id}-secrets`);
      const data = (secret?.manifest as { stringData?: Record<string, string> } | undefined)?.stringData ?? {};
      expect(data.ARCHKIT_IDENTITY_KEY, id).toBe(REDACTED);
      const deployment = objects.find((o) => o.kind === "Deployment" && o.name === id);
      expect(deployment, id).toBeDefined();
      type Spec = { spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } } };
      const env = (deployment!.manifest as unknown as Spec).spec.template.spec.containers[0]?.env ?? [];
      const jwks = env.find((e) => e.name === "ARCHKIT_IDENTITY_JWKS")?.value ?? "null";
      expect(JSON.parse(jwks)).toEqual(trustedKeys(IDENTITY, workloads));
    }
  }, 60_000);
});

describe("secrets are only ever referenced", () => {
  it("never appear in rendered manifests, not even derived (in-cluster store passwords)", async () => {
    const objects = await runWithSecrets("production", {
      jwtSecret: JWT,
      storeSecret: MASTER,
      identitySecret: IDENTITY,
    });
    const derived = (store: string) => createHmac("sha256", MASTER).update(store).digest("hex").slice(0, 40);
    const text = manifestFiles(objects, "production")
      .map((f) => f.content)
      .join("\n");
    const privateKeys = ["gateway", "orders"].map((w) => deriveWorkloadKey(IDENTITY, w).d as string);
    for (const secret of ["TOPSECRET", derived("orders-postgres"), derived("shop-rabbitmq"), ...privateKeys])
      expect(text).not.toContain(secret);
    expect(text).toContain(REDACTED);
  }, 60_000);

  it("never appear with external stores either, whose connection strings come from stack secrets", async () => {
    const objects = await runWithSecrets("staging", {
      infrastructure: "external",
      jwtSecret: JWT,
      identitySecret: IDENTITY,
      ordersDatabaseUrl: DATABASE,
      usersDatabaseUrl: DATABASE,
      productsDatabaseUrl: DATABASE,
      paymentsDatabaseUrl: DATABASE,
      notificationsDatabaseUrl: DATABASE,
      cacheRedisUrl: "redis://:redis-TOPSECRET@cache.example.net:6379",
      gatewayRedisUrl: "redis://:redis-TOPSECRET@rl.example.net:6379",
      amqpUrl: "amqps://shop:amqp-TOPSECRET@mq.example.net:5671/shop",
    });
    const text = manifestFiles(objects, "staging")
      .map((f) => f.content)
      .join("\n");
    expect(text).not.toContain("TOPSECRET");
  }, 60_000);

  it("are redacted only inside Secret objects: nothing secret ends up in another object", async () => {
    const all = manifests(await render(await shopModel(), "production"));
    for (const m of all.filter((m) => m.kind !== "Secret"))
      expect(JSON.stringify(m), `${m.kind} ${m.metadata.name}`).not.toContain(REDACTED);
    for (const m of all.filter((m) => m.kind === "Secret")) {
      expect(
        Object.values(m.stringData as Record<string, string>).every((v) => v === REDACTED),
        m.metadata.name,
      ).toBe(true);
    }
  }, 60_000);

  it("reach containers as secretKeyRef, never as a value", async () => {
    const all = manifests(await render(await shopModel(), "production"));
    const sensitive = new Set([
      "DATABASE_URL",
      "REDIS_URL",
      "JWT_SECRET",
      "POSTGRES_PASSWORD",
      "REDIS_PASSWORD",
      "REDISCLI_AUTH",
      "AMQP_URL",
    ]);
    let references = 0;
    for (const m of all.filter((m) => m.kind === "Deployment" || m.kind === "StatefulSet")) {
      for (const variable of m.spec.template.spec.containers[0].env as {
        name: string;
        value?: string;
        valueFrom?: { secretKeyRef?: unknown };
      }[]) {
        if (!sensitive.has(variable.name)) continue;
        expect(variable.value, `${m.metadata.name} ${variable.name}`).toBeUndefined();
        expect(variable.valueFrom?.secretKeyRef, `${m.metadata.name} ${variable.name}`).toBeDefined();
        references += 1;
      }
    }
    // gateway: JWT_SECRET, REDIS_URL; services: 5 DATABASE_URL, 2 REDIS_URL, JWT_SECRET of users (it signs tokens);
    // 5 AMQP_URL (every service publishes or consumes); 5 PostgreSQL passwords; 2 Redis with 2 each
    expect(references).toBe(2 + 5 + 2 + 1 + 5 + 5 + 2 * 2);
  }, 60_000);

  it("have no value in any generated file: stack files name them, architecture.json names their settings", async () => {
    const files = generatedFiles(await shopModel());
    const architecture = describeInfra(await shopModel());
    const secretKeys = architecture.requiredConfig.filter((c) => c.secret).map((c) => c.key);
    for (const [path, content] of files) {
      expect(content, path).not.toMatch(/secure:|BEGIN (RSA|EC|OPENSSH) PRIVATE KEY/);
      if (!path.startsWith("infra/Pulumi.") || path === "infra/Pulumi.yaml") continue;
      for (const key of secretKeys) expect(content, path).not.toMatch(new RegExp(`^\\s*shop:${key}:`, "m"));
    }
    expect(files.get("infra/architecture.json")).not.toMatch(/"(password|secret|token)"\s*:\s*"/i);
  });
});
