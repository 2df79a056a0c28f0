import * as k8s from "@pulumi/kubernetes";
import type { Workload } from "./architecture";
import { metadata, selectorLabels, type Context } from "./meta";

export interface ReplicaCounts {
  /** Replicas the Deployment starts with. */
  readonly replicas: number;
  readonly autoscaled: boolean;
  readonly min: number;
  readonly max: number;
}

/**
 * The environment's replica count (stack setting `replicas`) replaces each workload's own
 * starting count and autoscaling minimum; the maximum stays the spec's, never below the minimum.
 */
export function replicasOf(ctx: Context, workload: Workload): ReplicaCounts {
  const forced = ctx.settings.replicas;
  if (workload.scaling === null) {
    const replicas = forced ?? workload.replicas;
    return { replicas, autoscaled: false, min: replicas, max: replicas };
  }
  const min = forced ?? workload.scaling.min;
  return { replicas: forced ?? workload.replicas, autoscaled: true, min, max: Math.max(min, workload.scaling.max) };
}

/** HorizontalPodAutoscaler from the spec's `scaling`, PodDisruptionBudget from the availability target. */
export function createScaling(ctx: Context, workload: Workload, counts: ReplicaCounts): void {
  if (workload.scaling !== null) {
    new k8s.autoscaling.v2.HorizontalPodAutoscaler(workload.name, {
      metadata: metadata(ctx, workload.name, workload.component),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: workload.name },
        minReplicas: counts.min,
        maxReplicas: counts.max,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: workload.scaling.targetCpu } } }],
      },
    });
  }
  new k8s.policy.v1.PodDisruptionBudget(workload.name, {
    metadata: metadata(ctx, workload.name, workload.component, { "archkit.dev/disruption-rule": workload.disruption.rule }),
    spec: {
      maxUnavailable: workload.disruption.maxUnavailable,
      selector: { matchLabels: selectorLabels(ctx, workload.name) },
    },
  });
}
