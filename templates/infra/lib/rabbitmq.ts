import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Rabbitmq } from "./architecture";
import { rabbitmqUserPassword, storePassword } from "./connections";
import type { Context } from "./meta";

const OPERATOR = "rabbitmq.com/v1beta1";

/** RabbitMQ nodes: three where the environment runs three or more replicas (quorum queues need a majority), else one. */
export function rabbitmqReplicas(ctx: Context): number {
  return (ctx.settings.replicas ?? 3) >= 3 ? 3 : 1;
}

/** The labels the RabbitMQ Cluster Operator gives the broker's pods. */
export function rabbitmqPods(rabbitmq: Rabbitmq): k8s.types.input.meta.v1.LabelSelector {
  return { matchLabels: { "app.kubernetes.io/name": rabbitmq.cluster, "app.kubernetes.io/component": "rabbitmq" } };
}

/**
 * In-cluster: a RabbitmqCluster of the RabbitMQ Cluster Operator (which must run in the cluster)
 * with persistent storage and the consistent-hash exchange the transport shards keyed events
 * with, and the Secret with its default user's credentials. External: nothing; the services
 * declare their exchanges and queues themselves.
 */
export function createRabbitmq(ctx: Context): void {
  const rabbitmq = ctx.architecture.rabbitmq;
  const mode = ctx.settings.infrastructure;
  if (rabbitmq === null) return;
  switch (mode) {
    case "in-cluster": {
      const cluster = createCluster(ctx, rabbitmq, createCredentials(ctx, rabbitmq));
      for (const user of rabbitmq.users) createServiceUser(ctx, rabbitmq, user, cluster);
      return;
    }
    case "external":
      return;
    default: {
      const unknown: never = mode;
      throw new Error(`unknown infrastructure ${String(unknown)}`);
    }
  }
}

/** No name or component label: the operator copies the cluster's labels to its pods, whose own labels select them. */
function brokerMetadata(ctx: Context, name: string) {
  return {
    name,
    namespace: ctx.namespace.metadata.name,
    labels: { "app.kubernetes.io/part-of": ctx.architecture.system, "app.kubernetes.io/managed-by": "pulumi" },
  };
}

/**
 * The default user's credentials, provisioned here rather than by the operator
 * (`spec.secretBackend.externalSecret`), so that the services' AMQP_URL is known to this program;
 * the password is derived from the stack secret `storeSecret`, as the stores' are.
 */
function createCredentials(ctx: Context, rabbitmq: Rabbitmq): k8s.core.v1.Secret {
  const name = `${rabbitmq.cluster}-credentials`;
  const password = storePassword(ctx, rabbitmq.cluster);
  return new k8s.core.v1.Secret(name, {
    metadata: brokerMetadata(ctx, name),
    type: "Opaque",
    stringData: {
      username: rabbitmq.user,
      password,
      host: pulumi.interpolate`${rabbitmq.cluster}.${ctx.namespace.metadata.name}.svc`,
      port: String(rabbitmq.port),
      provider: "rabbitmq",
      type: "rabbitmq",
      "default_user.conf": pulumi.interpolate`default_user = ${rabbitmq.user}\ndefault_pass = ${password}\n`,
    },
  });
}

function createCluster(ctx: Context, rabbitmq: Rabbitmq, credentials: k8s.core.v1.Secret): k8s.apiextensions.CustomResource {
  const limits = rabbitmq.resources.limits;
  return new k8s.apiextensions.CustomResource(
    rabbitmq.cluster,
    {
      apiVersion: OPERATOR,
      kind: "RabbitmqCluster",
      metadata: brokerMetadata(ctx, rabbitmq.cluster),
      spec: {
        replicas: rabbitmqReplicas(ctx),
        persistence: { storage: ctx.architecture.storage.rabbitmq, ...(ctx.settings.storageClass ? { storageClassName: ctx.settings.storageClass } : {}) },
        resources: {
          requests: rabbitmq.resources.requests,
          limits: limits.cpu === null ? { memory: limits.memory } : { cpu: limits.cpu, memory: limits.memory },
        },
        rabbitmq: { additionalPlugins: [...rabbitmq.plugins] },
        secretBackend: { externalSecret: { name: credentials.metadata.name } },
      },
    },
    { dependsOn: [credentials] },
  );
}

type ServiceUser = Rabbitmq["users"][number];

/**
 * A service's own broker user, through the RabbitMQ Messaging Topology Operator (which must run in
 * the cluster): its credentials Secret, a User, its Permission on the vhost and its TopicPermission
 * on the system exchange, so the broker refuses it any event the spec does not let it publish and
 * any other group's queue.
 */
function createServiceUser(ctx: Context, rabbitmq: Rabbitmq, user: ServiceUser, cluster: k8s.apiextensions.CustomResource): void {
  const name = `${rabbitmq.cluster}-${user.service}`;
  const secret = new k8s.core.v1.Secret(`${name}-user`, {
    metadata: brokerMetadata(ctx, `${name}-user`),
    type: "Opaque",
    stringData: { username: user.user, password: rabbitmqUserPassword(ctx, rabbitmq, user.service) },
  });
  const clusterReference = { name: rabbitmq.cluster };
  const options = { dependsOn: [cluster, secret] };
  const resource = (kind: string, id: string, spec: Record<string, unknown>) =>
    new k8s.apiextensions.CustomResource(id, { apiVersion: OPERATOR, kind, metadata: brokerMetadata(ctx, id), spec: { ...spec, rabbitmqClusterReference: clusterReference } }, options);
  resource("User", name, { importCredentialsSecret: { name: secret.metadata.name } });
  const { configure, write, read, topicWrite, topicRead } = user.permissions;
  resource("Permission", `${name}-permission`, { vhost: "/", user: user.user, permissions: { configure, write, read } });
  resource("TopicPermission", `${name}-topic-permission`, {
    vhost: "/",
    user: user.user,
    permissions: { exchange: rabbitmq.exchange, write: topicWrite, read: topicRead },
  });
}
