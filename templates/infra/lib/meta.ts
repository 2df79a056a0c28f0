import * as k8s from "@pulumi/kubernetes";
import type { Architecture } from "./architecture";
import type { Settings } from "./settings";

/** Everything a builder needs: the architecture, this stack's settings and the namespace. */
export interface Context {
  readonly architecture: Architecture;
  readonly settings: Settings;
  readonly namespace: k8s.core.v1.Namespace;
}

export type Labels = Record<string, string>;

/**
 * The namespace of the system. Pods are held to the `baseline` Pod Security Standard (Strimzi's
 * pods need it); archkit's own workloads meet `restricted`, which is audited and warned about.
 * With a mesh, every pod of the namespace joins it (the mesh's CNI plugin must be installed: its
 * init containers would need NET_ADMIN, which `baseline` refuses).
 */
export function createNamespace(architecture: Architecture, settings: Settings): k8s.core.v1.Namespace {
  return new k8s.core.v1.Namespace(settings.namespace, {
    metadata: {
      name: settings.namespace,
      labels: {
        "app.kubernetes.io/part-of": architecture.system,
        "app.kubernetes.io/managed-by": "pulumi",
        "pod-security.kubernetes.io/enforce": "baseline",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
        ...(settings.mesh === "istio" ? { "istio-injection": "enabled" } : {}),
      },
      ...(settings.mesh === "linkerd"
        ? { annotations: { "linkerd.io/inject": "enabled", "config.linkerd.io/default-inbound-policy": "all-authenticated" } }
        : {}),
    },
  });
}

/**
 * Traffic between the namespace's pods is mutual TLS only: Istio's PeerAuthentication in STRICT
 * mode. Linkerd's namespace annotations (see `createNamespace`) do the same: meshed pods speak mTLS
 * and the inbound policy admits authenticated (meshed) clients only.
 */
export function createMeshPolicy(ctx: Context): void {
  if (ctx.settings.mesh !== "istio") return;
  new k8s.apiextensions.CustomResource("mtls-strict", {
    apiVersion: "security.istio.io/v1",
    kind: "PeerAuthentication",
    metadata: { name: "default", namespace: ctx.namespace.metadata.name, labels: { "app.kubernetes.io/part-of": ctx.architecture.system, "app.kubernetes.io/managed-by": "pulumi" } },
    spec: { mtls: { mode: "STRICT" } },
  });
}

/** The labels that select a workload's or store's pods; never change them (selectors are immutable). */
export function selectorLabels(ctx: Context, name: string): Labels {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": ctx.architecture.system };
}

/** Labels of every object archkit creates. */
export function labels(ctx: Context, name: string, component: string): Labels {
  return { ...selectorLabels(ctx, name), "app.kubernetes.io/component": component, "app.kubernetes.io/managed-by": "pulumi" };
}

export function metadata(ctx: Context, name: string, component: string, annotations?: Record<string, string>): k8s.types.input.meta.v1.ObjectMeta {
  return { name, namespace: ctx.namespace.metadata.name, labels: labels(ctx, name, component), ...(annotations ? { annotations } : {}) };
}

/** A pod selector for NetworkPolicy peers. */
export function podsOf(ctx: Context, name: string): k8s.types.input.meta.v1.LabelSelector {
  return { matchLabels: selectorLabels(ctx, name) };
}
