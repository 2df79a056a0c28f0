import * as pulumi from "@pulumi/pulumi";
import type { Architecture, EnvironmentDefaults } from "./architecture";

/** Where PostgreSQL, Redis and the event broker (Kafka or RabbitMQ) run. */
export type Infrastructure = "in-cluster" | "external";

export interface IngressSettings {
  readonly host: string;
  readonly tls: boolean;
  readonly className: string | undefined;
}

/** One stack's settings: Pulumi.<stack>.yaml, falling back to the spec's environment. */
export interface Settings {
  readonly environment: string;
  readonly namespace: string;
  readonly imageTag: string;
  /** Replicas of every workload in this environment; undefined: each workload's own. */
  readonly replicas: number | undefined;
  readonly ingress: IngressSettings | undefined;
  readonly infrastructure: Infrastructure;
  /** The mesh every pod of the namespace joins; traffic between pods is mutual TLS only. */
  readonly mesh: Mesh | undefined;
  /** The StorageClass of the in-cluster volumes; undefined: the cluster's default. */
  readonly storageClass: string | undefined;
  readonly config: pulumi.Config;
}

export type Mesh = "istio" | "linkerd";

/** The stack is an environment of architecture.yaml: `pulumi stack init production`. */
export function readSettings(architecture: Architecture): Settings {
  const config = new pulumi.Config();
  const environment = pulumi.getStack();
  const defaults = architecture.environments[environment];
  if (defaults === undefined) {
    const known = Object.keys(architecture.environments).join(", ");
    throw new Error(`stack "${environment}" is not an environment of architecture.yaml (${known}); name the stack after one`);
  }
  const infrastructure = parseInfrastructure(config.get("infrastructure") ?? defaults.infrastructure);
  checkRequiredConfig(architecture, config, environment, infrastructure);
  return {
    environment,
    namespace: config.get("namespace") ?? architecture.namespace,
    imageTag: config.get("imageTag") ?? architecture.version,
    replicas: config.getNumber("replicas", { min: 1 }) ?? defaults.replicas ?? undefined,
    ingress: readIngress(config, defaults),
    infrastructure,
    mesh: parseMesh(config.get("mesh") ?? defaults.mesh ?? undefined),
    storageClass: config.get("storageClass") ?? defaults.storageClass ?? undefined,
    config,
  };
}

function readIngress(config: pulumi.Config, defaults: EnvironmentDefaults): IngressSettings | undefined {
  const host = config.get("ingressHost") ?? defaults.ingressHost ?? undefined;
  if (host === undefined || host === "") return undefined;
  return { host, tls: config.getBoolean("ingressTls") ?? defaults.ingressTls, className: config.get("ingressClass") };
}

function parseMesh(value: string | undefined): Mesh | undefined {
  if (value === undefined || value === "" || value === "none") return undefined;
  if (value === "istio" || value === "linkerd") return value;
  throw new Error(`mesh is "${value}"; use istio, linkerd or none`);
}

function parseInfrastructure(value: string): Infrastructure {
  switch (value) {
    case "in-cluster":
    case "external":
      return value;
    default:
      throw new Error(`infrastructure is "${value}"; use in-cluster or external`);
  }
}

/** Every setting this stack still needs, reported at once rather than one `pulumi up` at a time. */
function checkRequiredConfig(architecture: Architecture, config: pulumi.Config, environment: string, infrastructure: Infrastructure): void {
  const missing = architecture.requiredConfig
    .filter((c) => c.mode === "always" || c.mode === infrastructure)
    .filter((c) => (c.secret ? config.getSecret(c.key) : config.get(c.key)) === undefined);
  if (missing.length === 0) return;
  const commands = missing.map((c) => `  pulumi config set ${c.secret ? "--secret " : ""}${c.key} <value> -s ${environment}   # ${c.about}`);
  throw new Error(`stack "${environment}" needs ${missing.length} more setting(s):\n${commands.join("\n")}`);
}
