import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Workload } from "./architecture";
import { metadata, type Context } from "./meta";

/** The gateway's Ingress, in environments with an ingress host. TLS uses the Secret `gateway-tls` (e.g. from cert-manager). */
export function createIngress(ctx: Context, gateway: Workload): void {
  const ingress = ctx.settings.ingress;
  if (ingress === undefined) return;
  new k8s.networking.v1.Ingress(gateway.name, {
    metadata: metadata(ctx, gateway.name, gateway.component),
    spec: {
      ...(ingress.className === undefined ? {} : { ingressClassName: ingress.className }),
      ...(ingress.tls ? { tls: [{ hosts: [ingress.host], secretName: `${gateway.name}-tls` }] } : {}),
      rules: [
        {
          host: ingress.host,
          http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: gateway.name, port: { number: gateway.port } } } }] },
        },
      ],
    },
  });
}

/** Where clients reach the gateway: the ingress host, or the in-cluster address without one. */
export function gatewayUrl(ctx: Context, gateway: Workload): pulumi.Output<string> {
  const ingress = ctx.settings.ingress;
  if (ingress !== undefined) return pulumi.output(`${ingress.tls ? "https" : "http"}://${ingress.host}`);
  return pulumi.interpolate`http://${gateway.name}.${ctx.namespace.metadata.name}.svc.cluster.local:${gateway.port}`;
}
