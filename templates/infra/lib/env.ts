import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Workload } from "./architecture";
import { byName, type Connections } from "./connections";
import { identityKey, trustedKeys } from "./identity";
import { metadata, type Context } from "./meta";

/** A workload's variables: plain values in the Deployment, secret ones only as references to its Secret. */
export interface WorkloadEnv {
  readonly env: k8s.types.input.core.v1.EnvVar[];
  readonly secret: k8s.core.v1.Secret | undefined;
}

export function workloadEnv(ctx: Context, workload: Workload, conn: Connections): WorkloadEnv {
  const secretName = `${workload.name}-secrets`;
  const secretValues = secretEnv(ctx, workload, conn);
  const keys = Object.keys(secretValues).sort();
  const secret =
    keys.length === 0
      ? undefined
      : new k8s.core.v1.Secret(secretName, { metadata: metadata(ctx, secretName, workload.component), type: "Opaque", stringData: secretValues });
  const references = keys.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: secretName, key } } }));
  return { env: [...plainEnv(ctx, workload, conn), ...references], secret };
}

function plainEnv(ctx: Context, workload: Workload, conn: Connections): k8s.types.input.core.v1.EnvVar[] {
  const kafka = ctx.architecture.kafka;
  const brokers = workload.broker !== null && kafka !== null ? [{ name: workload.broker, value: conn.kafkaBrokers(kafka) }] : [];
  const externals = workload.externals.map((id) => {
    const external = ctx.architecture.externals.find((x) => x.id === id);
    if (external === undefined) throw new Error(`architecture.json has no external "${id}"`);
    return { name: external.env, value: ctx.settings.config.get(external.urlConfig) ?? external.url ?? "" };
  });
  const declared = workload.config
    .filter((c) => !c.secret)
    .map((c) => ({ name: c.env, value: ctx.settings.config.get(c.config) ?? c.value ?? "" }));
  const { gateway, services } = ctx.architecture;
  const workloads = [...(gateway ? [gateway.id] : []), ...services.map((s) => s.id)];
  const jwks = { name: workload.identity.jwksEnv, value: trustedKeys(ctx, workload, workloads) };
  return [...workload.env.map((e) => ({ name: e.name, value: e.value })), ...brokers, ...externals, ...declared, jwks];
}

function secretEnv(ctx: Context, workload: Workload, conn: Connections): Record<string, pulumi.Output<string>> {
  const values: Record<string, pulumi.Output<string>> = {};
  if (workload.database !== null) values.DATABASE_URL = conn.databaseUrl(byName(ctx.architecture.databases, workload.database));
  if (workload.cache !== null) values.REDIS_URL = conn.redisUrl(byName(ctx.architecture.caches, workload.cache));
  const rabbitmq = ctx.architecture.rabbitmq;
  if (workload.broker !== null && rabbitmq !== null) values[workload.broker] = conn.amqpUrl(rabbitmq, workload.id);
  if (workload.jwt !== null) values[workload.jwt.env] = ctx.settings.config.requireSecret(workload.jwt.config);
  values[workload.identity.keyEnv] = identityKey(ctx, workload);
  for (const c of workload.config.filter((c) => c.secret)) values[c.env] = ctx.settings.config.requireSecret(c.config);
  return values;
}
