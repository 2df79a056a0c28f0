import type * as k8s from "@pulumi/kubernetes";

/** Pod-level settings of the `restricted` Pod Security Standard, running as `uid`. */
export function restrictedPod(uid: number): k8s.types.input.core.v1.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container-level settings: non-root, read-only root filesystem, no privilege escalation, no capabilities. */
export const restrictedContainer: k8s.types.input.core.v1.SecurityContext = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
};

/** Writable scratch space for a read-only root filesystem. */
export function scratchVolume(name: string): k8s.types.input.core.v1.Volume {
  return { name, emptyDir: {} };
}
