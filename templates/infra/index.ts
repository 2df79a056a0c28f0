/*
 * The system on Kubernetes. What runs, who may call whom, which stores and topics exist: all of it
 * comes from architecture.json, which archkit derives from architecture.yaml. This stack's
 * settings (image tag, replicas, ingress, in-cluster or external stores) come from
 * Pulumi.<stack>.yaml; the stack is named after an environment of the spec.
 */
import * as pulumi from "@pulumi/pulumi";
import architectureJson from "./architecture.json";
import type { Architecture } from "./lib/architecture";
import { connections } from "./lib/connections";
import { createIngress, gatewayUrl as gatewayUrlOf } from "./lib/ingress";
import { createKafka } from "./lib/kafka";
import { createMeshPolicy, createNamespace, type Context } from "./lib/meta";
import { createNetworkPolicies } from "./lib/network";
import { createRabbitmq } from "./lib/rabbitmq";
import { readSettings } from "./lib/settings";
import { createStores } from "./lib/stores";
import { createWorkload, imageOf } from "./lib/workload";

const architecture: Architecture = architectureJson;
const settings = readSettings(architecture);
const ctx: Context = { architecture, settings, namespace: createNamespace(architecture, settings) };
createMeshPolicy(ctx);
const gateway = architecture.gateway;
const workloads = gateway === null ? architecture.services : [gateway, ...architecture.services];

// PostgreSQL and Redis StatefulSets, and the broker the spec names: a Strimzi Kafka cluster with its
// topics, or a RabbitmqCluster (in-cluster only).
createStores(ctx);
createKafka(ctx);
createRabbitmq(ctx);

// The gateway and every service: Deployment, Service, ServiceAccount, Secret, HPA, PDB.
const conn = connections(ctx);
for (const workload of workloads) createWorkload(ctx, workload, conn);
if (gateway !== null) createIngress(ctx, gateway);

// Default deny, then exactly the calls, stores and bus the spec declares.
createNetworkPolicies(ctx, workloads);

export const environment = settings.environment;
export const namespace = ctx.namespace.metadata.name;
export const gatewayUrl: pulumi.Output<string> | undefined = gateway === null ? undefined : gatewayUrlOf(ctx, gateway);
export const images: Record<string, string> = Object.fromEntries(workloads.map((w) => [w.id, imageOf(ctx, w)]));
