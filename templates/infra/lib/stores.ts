import * as k8s from "@pulumi/kubernetes";
import type { Cache, Database } from "./architecture";
import { POSTGRES_PORT, REDIS_PORT, storePassword } from "./connections";
import { labels, metadata, selectorLabels, type Context } from "./meta";
import { restrictedContainer, restrictedPod, scratchVolume } from "./security";

/** The uid the official postgres and redis images run as. */
const STORE_UID = 999;

/** In-cluster stores: a StatefulSet with a PersistentVolumeClaim per PostgreSQL database and per Redis. */
export function createStores(ctx: Context): void {
  const mode = ctx.settings.infrastructure;
  switch (mode) {
    case "in-cluster":
      ctx.architecture.databases.forEach((db) => createPostgres(ctx, db));
      ctx.architecture.caches.forEach((cache) => createRedis(ctx, cache));
      return;
    case "external":
      return;
    default: {
      const unknown: never = mode;
      throw new Error(`unknown infrastructure ${String(unknown)}`);
    }
  }
}

interface StoreSpec {
  readonly name: string;
  readonly component: "database" | "cache";
  readonly image: string;
  readonly port: number;
  readonly storage: string;
  readonly dataPath: string;
  readonly env: k8s.types.input.core.v1.EnvVar[];
  readonly args?: string[];
  readonly probe: string[];
  readonly resources: k8s.types.input.core.v1.ResourceRequirements;
  /** Extra writable directories for the read-only root filesystem. */
  readonly scratch: readonly string[];
}

function createPostgres(ctx: Context, db: Database): void {
  const credentials = createCredentials(ctx, db.name, "database");
  createStatefulStore(ctx, {
    name: db.name,
    component: "database",
    image: ctx.architecture.images.postgres,
    port: POSTGRES_PORT,
    storage: ctx.architecture.storage.postgres,
    dataPath: "/var/lib/postgresql/data",
    env: [
      { name: "POSTGRES_USER", value: db.user },
      { name: "POSTGRES_DB", value: db.database },
      { name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: credentials, key: "password" } } },
      { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
    ],
    probe: ["pg_isready", "-U", db.user, "-d", db.database],
    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
    scratch: ["/var/run/postgresql", "/tmp"],
  });
}

function createRedis(ctx: Context, cache: Cache): void {
  const credentials = createCredentials(ctx, cache.name, "cache");
  const password = { secretKeyRef: { name: credentials, key: "password" } };
  createStatefulStore(ctx, {
    name: cache.name,
    component: "cache",
    image: ctx.architecture.images.redis,
    port: REDIS_PORT,
    storage: ctx.architecture.storage.redis,
    dataPath: "/data",
    env: [
      { name: "REDIS_PASSWORD", valueFrom: password },
      { name: "REDISCLI_AUTH", valueFrom: password },
    ],
    args: ["--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes", "--maxmemory", "200mb", "--maxmemory-policy", "allkeys-lru"],
    probe: ["redis-cli", "ping"],
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "256Mi" } },
    scratch: ["/tmp"],
  });
}

/** The store's password in a Secret of its own, derived from the stack secret. */
function createCredentials(ctx: Context, store: string, component: string): string {
  const name = `${store}-credentials`;
  new k8s.core.v1.Secret(name, { metadata: metadata(ctx, name, component), type: "Opaque", stringData: { password: storePassword(ctx, store) } });
  return name;
}

function createStatefulStore(ctx: Context, spec: StoreSpec): void {
  new k8s.core.v1.Service(spec.name, {
    metadata: metadata(ctx, spec.name, spec.component),
    spec: { clusterIP: "None", selector: selectorLabels(ctx, spec.name), ports: [{ name: "store", port: spec.port, targetPort: spec.port, protocol: "TCP" }] },
  });
  const scratch = spec.scratch.map((path, i) => ({ name: `scratch-${i}`, path }));
  new k8s.apps.v1.StatefulSet(spec.name, {
    metadata: metadata(ctx, spec.name, spec.component),
    spec: {
      serviceName: spec.name,
      replicas: 1,
      selector: { matchLabels: selectorLabels(ctx, spec.name) },
      template: {
        metadata: { labels: labels(ctx, spec.name, spec.component) },
        spec: {
          automountServiceAccountToken: false,
          securityContext: restrictedPod(STORE_UID),
          containers: [
            {
              name: spec.component === "database" ? "postgres" : "redis",
              image: spec.image,
              ...(spec.args ? { args: spec.args } : {}),
              ports: [{ name: "store", containerPort: spec.port, protocol: "TCP" }],
              env: spec.env,
              readinessProbe: { exec: { command: spec.probe }, periodSeconds: 5, timeoutSeconds: 3 },
              livenessProbe: { exec: { command: spec.probe }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
              resources: spec.resources,
              securityContext: restrictedContainer,
              volumeMounts: [{ name: "data", mountPath: spec.dataPath }, ...scratch.map((s) => ({ name: s.name, mountPath: s.path }))],
            },
          ],
          volumes: scratch.map((s) => scratchVolume(s.name)),
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "data" },
          spec: {
            accessModes: ["ReadWriteOnce"],
            ...(ctx.settings.storageClass ? { storageClassName: ctx.settings.storageClass } : {}),
            resources: { requests: { storage: spec.storage } },
          },
        },
      ],
    },
  });
}
