import * as k8s from "@pulumi/kubernetes";
import type { Workload } from "./architecture";
import type { Connections } from "./connections";
import { workloadEnv } from "./env";
import { labels, metadata, selectorLabels, type Context } from "./meta";
import { createScaling, replicasOf } from "./scaling";
import { restrictedContainer, restrictedPod, scratchVolume } from "./security";

/** The image a workload runs in this stack. */
export function imageOf(ctx: Context, workload: Workload): string {
  return `${workload.image}:${ctx.settings.imageTag}`;
}

/** A workload (the gateway or a service): ServiceAccount, Secret, Deployment, ClusterIP Service, HPA and PDB. */
export function createWorkload(ctx: Context, workload: Workload, conn: Connections): void {
  const { env, secret } = workloadEnv(ctx, workload, conn);
  new k8s.core.v1.ServiceAccount(workload.name, { metadata: metadata(ctx, workload.name, workload.component), automountServiceAccountToken: false });
  const counts = replicasOf(ctx, workload);
  const annotations = workload.stores.length > 0 ? { "archkit.dev/stores": workload.stores.join(",") } : undefined;
  new k8s.apps.v1.Deployment(
    workload.name,
    {
      metadata: metadata(ctx, workload.name, workload.component, annotations),
      spec: {
        replicas: counts.replicas,
        selector: { matchLabels: selectorLabels(ctx, workload.name) },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        template: {
          metadata: {
            labels: { ...labels(ctx, workload.name, workload.component), "app.kubernetes.io/version": ctx.settings.imageTag },
            annotations: scrapeAnnotations(ctx, workload),
          },
          spec: podSpec(ctx, workload, env),
        },
      },
    },
    // The HorizontalPodAutoscaler owns the replica count once the Deployment exists.
    { dependsOn: secret ? [secret] : [], ignoreChanges: counts.autoscaled ? ["spec.replicas"] : [] },
  );
  new k8s.core.v1.Service(workload.name, {
    metadata: metadata(ctx, workload.name, workload.component),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(ctx, workload.name),
      ports: [
        { name: "http", port: workload.port, targetPort: "http", protocol: "TCP" },
        { name: "admin", port: workload.adminPort, targetPort: "admin", protocol: "TCP" },
      ],
    },
  });
  createScaling(ctx, workload, counts);
}

/** Prometheus finds `/metrics` on the admin port, the only port that serves it. */
function scrapeAnnotations(ctx: Context, workload: Workload): Record<string, string> {
  return {
    "prometheus.io/scrape": "true",
    "prometheus.io/port": String(workload.adminPort),
    "prometheus.io/path": ctx.architecture.runtime.metricsPath,
  };
}

function podSpec(ctx: Context, workload: Workload, env: k8s.types.input.core.v1.EnvVar[]): k8s.types.input.core.v1.PodSpec {
  const runtime = ctx.architecture.runtime;
  return {
    serviceAccountName: workload.name,
    automountServiceAccountToken: false,
    // A little above the runtime's shutdown timeout, so draining finishes before SIGKILL.
    terminationGracePeriodSeconds: runtime.terminationGracePeriodSeconds,
    securityContext: restrictedPod(runtime.runAsUser),
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selectorLabels(ctx, workload.name) } },
    ],
    containers: [
      {
        name: workload.name,
        image: imageOf(ctx, workload),
        imagePullPolicy: "IfNotPresent",
        ports: [
          { name: "http", containerPort: workload.port, protocol: "TCP" },
          { name: "admin", containerPort: workload.adminPort, protocol: "TCP" },
        ],
        env,
        startupProbe: { httpGet: { path: runtime.healthPath, port: "http" }, periodSeconds: 2, failureThreshold: 30 },
        livenessProbe: { httpGet: { path: runtime.healthPath, port: "http" }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
        readinessProbe: { httpGet: { path: runtime.readyPath, port: "http" }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 },
        resources: {
          requests: { cpu: workload.resources.requests.cpu, memory: workload.resources.requests.memory },
          limits: workload.resources.limits.cpu === null ? { memory: workload.resources.limits.memory } : { cpu: workload.resources.limits.cpu, memory: workload.resources.limits.memory },
        },
        securityContext: restrictedContainer,
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
      },
    ],
    volumes: [scratchVolume("tmp")],
  };
}
