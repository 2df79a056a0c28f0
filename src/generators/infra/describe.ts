import { computeModel, type Model } from "../../model/index.js";
import { describeCaches, describeDatabases, describeExternals, describeKafka, describeRabbitmq } from "./data.js";
import type {
  EnvironmentDefaults,
  InfraArchitecture,
  InfraCache,
  InfraDatabase,
  InfraExternal,
  InfraKafka,
  InfraRabbitmq,
  InfraWorkload,
  RequiredConfig,
  RuntimeFacts,
} from "./types.js";
import { IDENTITY_SECRET, k8sName } from "./names.js";
import { describeGateway, describeService } from "./workloads.js";

/** Facts of the archkit service runtime that the pods must match. */
export const RUNTIME: RuntimeFacts = {
  healthPath: "/healthz",
  readyPath: "/readyz",
  metricsPath: "/metrics",
  metricsNamespace: "monitoring",
  shutdownTimeoutSeconds: 10,
  terminationGracePeriodSeconds: 15,
  logLevel: "info",
  runAsUser: 1000,
};

/** The value `archkit infra render` gives a secret setting; rendered manifests show secrets redacted. */
const SECRET_PLACEHOLDER = "archkit-render-placeholder";

/** Secret from which the in-cluster stores' passwords are derived. */
export const STORE_SECRET = "storeSecret";

/** The whole `infra/architecture.json`: a pure function of the model. */
export function describeInfra(model: Model): InfraArchitecture {
  const computed = computeModel(model);
  const databases = describeDatabases(computed);
  const caches = describeCaches(computed);
  const kafka = describeKafka(computed);
  const rabbitmq = describeRabbitmq(computed);
  const externals = describeExternals(computed);
  const gateway = describeGateway(computed);
  const services = computed.services.map((s) => describeService(computed, s));
  return {
    system: model.system.name,
    title: model.system.title,
    namespace: model.deployment.namespace,
    version: model.system.version,
    runtime: RUNTIME,
    images: { postgres: "postgres:17.5", redis: "redis:7.4" },
    storage: { postgres: "10Gi", redis: "1Gi", kafka: "20Gi", rabbitmq: "10Gi" },
    environments: Object.fromEntries(model.deployment.environments.map((e) => [e.name, environmentDefaults(e)])),
    gateway,
    services,
    databases,
    caches,
    kafka,
    rabbitmq,
    externals,
    requiredConfig: requiredConfig(gateway, services, databases, caches, { kafka, rabbitmq }, externals),
  };
}

function environmentDefaults(e: Model["deployment"]["environments"][number]): EnvironmentDefaults {
  return {
    description: e.description ?? null,
    replicas: e.replicas ?? null,
    ingressHost: e.ingress?.host ?? null,
    ingressTls: e.ingress?.tls ?? false,
    infrastructure: e.infrastructure,
    mesh: e.mesh ?? null,
    storageClass: e.storage?.class ?? null,
  };
}

function requiredConfig(
  gateway: InfraWorkload | null,
  services: readonly InfraWorkload[],
  databases: readonly InfraDatabase[],
  caches: readonly InfraCache[],
  brokers: { readonly kafka: InfraKafka | null; readonly rabbitmq: InfraRabbitmq | null },
  externals: readonly InfraExternal[],
): RequiredConfig[] {
  const { kafka, rabbitmq } = brokers;
  const secret = (key: string, mode: string, about: string): RequiredConfig => ({
    key,
    secret: true,
    mode,
    about,
    placeholder: SECRET_PLACEHOLDER,
  });
  const jwt = gateway?.jwt
    ? [secret(gateway.jwt.config, "always", `${gateway.jwt.env} of the gateway (JWT signing secret)`)]
    : [];
  const stores =
    databases.length + caches.length > 0 || rabbitmq !== null
      ? [
          secret(
            STORE_SECRET,
            "in-cluster",
            `master secret; each in-cluster database${rabbitmq ? ", Redis and RabbitMQ" : " and Redis"} password is derived from it`,
          ),
        ]
      : [];
  const identity = secret(
    IDENTITY_SECRET,
    "always",
    "master secret; each workload's Ed25519 signing key is derived from it (ARCHKIT_IDENTITY_KEY)",
  );
  return [
    ...jwt,
    identity,
    ...stores,
    ...databases.map((d) => secret(d.urlConfig, "external", `DATABASE_URL of ${d.service} (postgres://...)`)),
    ...caches.map((c) => secret(c.urlConfig, "external", `REDIS_URL of ${c.clients.join(", ")} (redis://...)`)),
    ...(kafka
      ? [
          {
            key: kafka.brokersConfig,
            secret: false,
            mode: "external",
            about: "KAFKA_BROKERS, comma-separated host:port",
            placeholder: `${kafka.cluster}.invalid:${kafka.port}`,
          },
        ]
      : []),
    ...(rabbitmq
      ? [
          secret(
            rabbitmq.urlConfig,
            "external",
            `AMQP_URL of ${rabbitmq.clients.join(", ")} (amqp://... or amqps://...)`,
          ),
        ]
      : []),
    ...services.flatMap((w) =>
      w.config
        .filter((c) => c.secret || c.value === null)
        .map((c) =>
          c.secret
            ? secret(c.config, "always", `${c.env} of ${w.id}`)
            : {
                key: c.config,
                secret: false,
                mode: "always",
                about: `${c.env} of ${w.id}`,
                placeholder: `${c.env.toLowerCase()}-placeholder`,
              },
        ),
    ),
    ...externals
      .filter((x) => x.url === null)
      .map((x) => ({
        key: x.urlConfig,
        secret: false,
        mode: "always",
        about: `${x.env}, base URL of ${x.title}`,
        placeholder: `https://${k8sName(x.id)}.invalid`,
      })),
  ];
}
