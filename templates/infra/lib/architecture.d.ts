/**
 * The shape of architecture.json, which archkit derives from architecture.yaml: the workloads,
 * who calls whom, the stores, the event broker (Kafka and its topics, or RabbitMQ) and the stack
 * settings the program needs. The one definition of that shape: archkit's infra generator builds
 * its values against these same declarations.
 */
export interface Architecture {
  readonly system: string;
  readonly title: string;
  readonly namespace: string;
  /** Default image tag of a new stack: the system version. */
  readonly version: string;
  readonly runtime: RuntimeFacts;
  readonly images: { readonly postgres: string; readonly redis: string };
  readonly storage: { readonly postgres: string; readonly redis: string; readonly kafka: string; readonly rabbitmq: string };
  readonly environments: Readonly<Record<string, EnvironmentDefaults>>;
  readonly gateway: Workload | null;
  readonly services: readonly Workload[];
  readonly databases: readonly Database[];
  readonly caches: readonly Cache[];
  /** The event broker when `deployment.broker` is kafka (default) and some service uses events. */
  readonly kafka: Kafka | null;
  /** The event broker when `deployment.broker` is rabbitmq and some service uses events. */
  readonly rabbitmq: Rabbitmq | null;
  readonly externals: readonly External[];
  /** Stack settings without a default that `pulumi up` needs, by infrastructure mode. */
  readonly requiredConfig: readonly RequiredConfig[];
}

/** What the service runtime expects of its pods. */
export interface RuntimeFacts {
  readonly healthPath: string;
  readonly readyPath: string;
  /** Served on each workload's admin port only; Prometheus scrapes it there. */
  readonly metricsPath: string;
  /** The namespace whose pods (Prometheus) may reach the admin ports. */
  readonly metricsNamespace: string;
  readonly shutdownTimeoutSeconds: number;
  readonly terminationGracePeriodSeconds: number;
  readonly logLevel: string;
  readonly runAsUser: number;
}

export interface EnvironmentDefaults {
  readonly description: string | null;
  readonly replicas: number | null;
  readonly ingressHost: string | null;
  readonly ingressTls: boolean;
  /** `in-cluster` or `external`. */
  readonly infrastructure: string;
  /** `istio` or `linkerd`: the namespace is meshed and accepts mutual TLS only; null: no mesh. */
  readonly mesh: string | null;
  /** The StorageClass of every in-cluster volume; null: the cluster's default. */
  readonly storageClass: string | null;
}

/** The gateway or one service: a Deployment and everything around it. */
export interface Workload {
  /** The id in the spec (`orders`); the gateway's is `gateway`. */
  readonly id: string;
  /** Kubernetes name (kebab-case of the id). */
  readonly name: string;
  /** `gateway` or `service`. */
  readonly component: string;
  /** Reached from outside the cluster through the Ingress (the gateway). */
  readonly exposed: boolean;
  readonly title: string;
  /** Image without its tag: `<registry>/<name>`. */
  readonly image: string;
  readonly port: number;
  /** `/metrics` (and the probes) on a port of its own, never routed by the gateway or the Ingress. */
  readonly adminPort: number;
  readonly replicas: number;
  readonly scaling: { readonly min: number; readonly max: number; readonly targetCpu: number } | null;
  readonly resources: Resources;
  /** Percent; the service's own SLO, else the system's target. */
  readonly availability: number | null;
  readonly disruption: { readonly maxUnavailable: number | string; readonly rule: string };
  /** Plain variables: PORT, LOG_LEVEL, `<SERVICE>_URL` of each called service. */
  readonly env: readonly { readonly name: string; readonly value: string }[];
  /** Kubernetes name of its PostgreSQL database (postgres and document stores), if any. */
  readonly database: string | null;
  /** Kubernetes name of its Redis (cache store, or the gateway's rate-limit store), if any. */
  readonly cache: string | null;
  /** Publishes or consumes events: the variable the runtime reads the broker from (KAFKA_BROKERS or AMQP_URL), else null. */
  readonly broker: string | null;
  /** The gateway's JWT secret: the variable the runtime reads and the stack secret it comes from. */
  readonly jwt: { readonly env: string; readonly config: string } | null;
  /**
   * Its workload identity: the variable with its own signing key (from its Secret, derived from the
   * stack secret `config`) and the one with every workload's public key (plain).
   */
  readonly identity: { readonly keyEnv: string; readonly jwksEnv: string; readonly config: string };
  /** Variables its own code reads, declared in the spec: each from a stack setting (a stack secret when secret). */
  readonly config: readonly { readonly env: string; readonly config: string; readonly secret: boolean; readonly value: string | null }[];
  /** External ids it calls (EXTERNAL_<NAME>_URL, egress to the internet). */
  readonly externals: readonly string[];
  /** Kubernetes names of the services it calls (egress). */
  readonly calls: readonly string[];
  /** Kubernetes names of the workloads that call it (ingress): the gateway for public endpoints, and declared callers. */
  readonly callers: readonly string[];
  /** Store ids, for the reader. */
  readonly stores: readonly string[];
}

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string | null; readonly memory: string };
}

/** One PostgreSQL per service holding all its postgres and document stores (the runtime opens one DATABASE_URL). */
export interface Database {
  readonly name: string;
  readonly service: string;
  readonly database: string;
  readonly user: string;
  readonly stores: readonly string[];
  /** Stack secret with the connection string in `external` mode. */
  readonly urlConfig: string;
}

/** One Redis per cache store, and one for the gateway's rate limits. */
export interface Cache {
  readonly name: string;
  /** The cache store's id, or `gateway` for the rate-limit store. */
  readonly store: string;
  /** Kubernetes names of the workloads using it. */
  readonly clients: readonly string[];
  readonly urlConfig: string;
}

export interface Kafka {
  /** Strimzi cluster name. */
  readonly cluster: string;
  readonly port: number;
  /** Kubernetes names of the services that publish or consume. */
  readonly clients: readonly string[];
  /** Stack setting with the brokers in `external` mode. */
  readonly brokersConfig: string;
  readonly topics: readonly Topic[];
}

/** A RabbitmqCluster of the RabbitMQ Cluster Operator, in-cluster; an AMQP URL from a stack secret, external. */
export interface Rabbitmq {
  /** RabbitmqCluster name (also its Service's). */
  readonly cluster: string;
  readonly port: number;
  /** Kubernetes names of the services that publish or consume. */
  readonly clients: readonly string[];
  /** The cluster's default (administrator) user, in-cluster; no service connects as it. */
  readonly user: string;
  /** The system's topic exchange, which the topic permissions are on. */
  readonly exchange: string;
  /**
   * One user per service that publishes or consumes, in-cluster, with RabbitMQ permission regexes:
   * `configure`, `write`, `read` on the vhost, `topicWrite`, `topicRead` on the exchange's routing keys.
   */
  readonly users: readonly {
    readonly service: string;
    readonly user: string;
    readonly permissions: {
      readonly configure: string;
      readonly write: string;
      readonly read: string;
      readonly topicWrite: string;
      readonly topicRead: string;
    };
  }[];
  /** Plugins enabled on top of the operator's own; the transport needs rabbitmq_consistent_hash_exchange. */
  readonly plugins: readonly string[];
  readonly resources: Resources;
  /** Stack secret with the AMQP URL in `external` mode. */
  readonly urlConfig: string;
}

export interface Topic {
  /** KafkaTopic object name (a valid Kubernetes name). */
  readonly name: string;
  readonly topic: string;
  readonly event: string;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly deadLetter: boolean;
}

export interface External {
  readonly id: string;
  readonly title: string;
  /** EXTERNAL_<NAME>_URL */
  readonly env: string;
  /** The spec's URL; when absent the stack setting `urlConfig` is required. */
  readonly url: string | null;
  readonly urlConfig: string;
  /** Egress port. */
  readonly port: number;
}

export interface RequiredConfig {
  readonly key: string;
  readonly secret: boolean;
  /** `always`, `in-cluster` or `external`. */
  readonly mode: string;
  readonly about: string;
  /** What `archkit infra render` uses when the stack has no value (secrets are redacted anyway). */
  readonly placeholder: string;
}
