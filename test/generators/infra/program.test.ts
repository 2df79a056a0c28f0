import { beforeAll, describe, expect, it } from "vitest";
import { architectureJson } from "../../../src/generators/infra/project.js";
import { computeModel } from "../../../src/model/index.js";
import { rabbitmqPermissions } from "../../../src/runtime/events/index.js";
import {
  describeInfra,
  loadPulumiSdk,
  runUnderMocks,
  transpileTemplates,
  type RenderResult,
} from "../../../src/generators/infra/index.js";
import {
  countByKind,
  find,
  manifests,
  render,
  ROOT,
  shopModel,
  tinyModel,
  variantModel,
  type Manifest,
} from "./helpers.js";

let production: RenderResult;
let all: Manifest[];
let dev: Manifest[];

beforeAll(async () => {
  production = await render(await shopModel(), "production");
  all = manifests(production);
  dev = manifests(await render(await shopModel(), "dev"));
}, 60_000);

const SERVICES = ["notifications", "orders", "payments", "products", "users"];
const WORKLOADS = ["gateway", ...SERVICES];
const names = (kind: string, from: readonly Manifest[] = all) =>
  from
    .filter((m) => m.kind === kind)
    .map((m) => m.metadata.name)
    .sort();
const container = (deployment: Manifest) => deployment.spec.template.spec.containers[0];
const env = (deployment: Manifest) =>
  Object.fromEntries(
    container(deployment).env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [
      e.name,
      e.value ?? e.valueFrom,
    ]),
  );

describe("the shop's program under Pulumi mocks: what it declares", () => {
  it("declares the expected objects, by kind", () => {
    expect(countByKind(all)).toEqual({
      Namespace: 1,
      Deployment: 6,
      Service: 13,
      ServiceAccount: 6,
      Secret: 19,
      HorizontalPodAutoscaler: 5,
      PodDisruptionBudget: 6,
      Ingress: 1,
      StatefulSet: 7,
      NetworkPolicy: 15,
      RabbitmqCluster: 1,
      User: 5,
      Permission: 5,
      TopicPermission: 5,
      PeerAuthentication: 1,
    });
  });

  it("gives each service a broker user of its own, allowed exactly what the runtime derives from the spec", async () => {
    const computed = computeModel(await shopModel());
    for (const id of SERVICES) {
      const permissions = rabbitmqPermissions(computed.service(id).needs.broker!, "shop");
      const user = find(all, "User", `shop-rabbitmq-${id}`);
      expect(user.spec).toEqual({
        importCredentialsSecret: { name: `shop-rabbitmq-${id}-user` },
        rabbitmqClusterReference: { name: "shop-rabbitmq" },
      });
      const { configure, write, read, topicWrite, topicRead } = permissions;
      expect(find(all, "Permission", `shop-rabbitmq-${id}-permission`).spec).toEqual({
        vhost: "/",
        user: `shop_${id}`,
        permissions: { configure, write, read },
        rabbitmqClusterReference: { name: "shop-rabbitmq" },
      });
      expect(find(all, "TopicPermission", `shop-rabbitmq-${id}-topic-permission`).spec).toEqual({
        vhost: "/",
        user: `shop_${id}`,
        permissions: { exchange: "shop", write: topicWrite, read: topicRead },
        rabbitmqClusterReference: { name: "shop-rabbitmq" },
      });
    }
  });

  it("names objects after the spec's ids, kebab-case, all in the system's namespace", () => {
    expect(names("Deployment")).toEqual(WORKLOADS);
    expect(names("HorizontalPodAutoscaler")).toEqual(SERVICES);
    expect(names("StatefulSet")).toEqual(["cache-redis", "gateway-redis", ...SERVICES.map((s) => `${s}-postgres`)]);
    expect(names("Namespace")).toEqual(["shop"]);
    for (const m of all.filter((m) => m.kind !== "Namespace"))
      expect(m.metadata.namespace, `${m.kind} ${m.metadata.name}`).toBe("shop");
  });

  it("labels every object as part of the system, and selects pods by name and system", () => {
    for (const m of all)
      expect(m.metadata.labels?.["app.kubernetes.io/part-of"], `${m.kind} ${m.metadata.name}`).toBe("shop");
    for (const name of WORKLOADS) {
      const deployment = find(all, "Deployment", name);
      const selector = { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "shop" };
      expect(deployment.spec.selector.matchLabels).toEqual(selector);
      expect(deployment.spec.template.metadata.labels).toMatchObject({
        ...selector,
        "app.kubernetes.io/component": name === "gateway" ? "gateway" : "service",
        "app.kubernetes.io/version": "1.0.0",
      });
      expect(find(all, "Service", name).spec).toMatchObject({ type: "ClusterIP", selector });
    }
  });

  it("holds the namespace to the baseline Pod Security Standard and audits restricted", () => {
    expect(find(all, "Namespace", "shop").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "baseline",
      "pod-security.kubernetes.io/audit": "restricted",
    });
  });
});

describe("the shop's program under Pulumi mocks: workloads", () => {
  it("runs the environment's replicas, and autoscales from them to the spec's maximum", () => {
    for (const name of WORKLOADS) expect(find(all, "Deployment", name).spec.replicas).toBe(3);
    expect(find(all, "HorizontalPodAutoscaler", "orders").spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 15,
      scaleTargetRef: { kind: "Deployment", name: "orders" },
    });
    expect(find(all, "HorizontalPodAutoscaler", "payments").spec.metrics[0].resource.target).toEqual({
      type: "Utilization",
      averageUtilization: 60,
    });
    expect(find(dev, "Deployment", "products").spec.replicas).toBe(1);
    expect(find(dev, "HorizontalPodAutoscaler", "products").spec).toMatchObject({ minReplicas: 1, maxReplicas: 20 });
  });

  it("uses each service's own scaling where the environment sets no replicas", async () => {
    const model = variantModel((text) => text.replace("      replicas: 3\n", ""));
    const own = manifests(await render(model, "production"));
    expect(find(own, "Deployment", "payments").spec.replicas).toBe(2);
    expect(find(own, "HorizontalPodAutoscaler", "payments").spec).toMatchObject({ minReplicas: 2, maxReplicas: 8 });
    expect(find(own, "Deployment", "gateway").spec.replicas).toBe(2);
  }, 60_000);

  it("derives PodDisruptionBudgets from the 99.9% availability target: one pod down at a time", () => {
    for (const name of WORKLOADS) {
      const pdb = find(all, "PodDisruptionBudget", name);
      expect(pdb.spec).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "shop" } },
      });
      expect(pdb.metadata.annotations?.["archkit.dev/disruption-rule"]).toContain("99.9%");
    }
  });

  it("probes liveness on /healthz and readiness on /readyz, and waits past the runtime's 10 s shutdown", () => {
    for (const name of WORKLOADS) {
      const deployment = find(all, "Deployment", name);
      expect(container(deployment).livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
      expect(container(deployment).readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
      expect(container(deployment).startupProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(10);
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeLessThanOrEqual(20);
    }
  });

  it("scrapes /metrics on each workload's admin port (its port + 1000), which the Ingress and the callers never reach", () => {
    for (const name of WORKLOADS) {
      const deployment = find(all, "Deployment", name);
      const [http, admin] = container(deployment).ports;
      expect(admin).toEqual({ name: "admin", containerPort: http.containerPort + 1000, protocol: "TCP" });
      expect(deployment.spec.template.metadata.annotations).toEqual({
        "prometheus.io/scrape": "true",
        "prometheus.io/port": String(admin.containerPort),
        "prometheus.io/path": "/metrics",
      });
      expect(
        find(all, "Service", name).spec.ports.map((p: { name: string; port: number }) => [p.name, p.port]),
      ).toEqual([
        ["http", http.containerPort],
        ["admin", admin.containerPort],
      ]);
      const ingress = find(all, "NetworkPolicy", name).spec.ingress as {
        from?: unknown[];
        ports: { port: number }[];
      }[];
      const toAdmin = ingress.filter((rule) => rule.ports.some((p) => p.port === admin.containerPort));
      expect(toAdmin).toEqual([
        {
          from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
          ports: [{ protocol: "TCP", port: admin.containerPort }],
        },
      ]);
    }
    const ingress = find(all, "Ingress", "gateway");
    expect(JSON.stringify(ingress.spec)).not.toContain(
      String(container(find(all, "Deployment", "gateway")).ports[1].containerPort),
    );
  });

  it("requests the spec's resources, limiting memory to the request", () => {
    expect(container(find(all, "Deployment", "orders")).resources).toEqual({
      requests: { cpu: "500m", memory: "512Mi" },
      limits: { memory: "512Mi" },
    });
    expect(container(find(all, "Deployment", "users")).resources).toEqual({
      requests: { cpu: "250m", memory: "256Mi" },
      limits: { memory: "256Mi" },
    });
  });

  it("runs every pod under the restricted security context", () => {
    for (const m of all.filter((m) => m.kind === "Deployment" || m.kind === "StatefulSet")) {
      const pod = m.spec.template.spec;
      expect(pod.securityContext, m.metadata.name).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(pod.automountServiceAccountToken, m.metadata.name).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext, m.metadata.name).toEqual({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
      }
    }
    for (const name of WORKLOADS) expect(find(all, "ServiceAccount", name).automountServiceAccountToken).toBe(false);
  });

  it("gives each service the variables its runtime reads, secrets only by reference", () => {
    expect(env(find(all, "Deployment", "orders"))).toEqual({
      PORT: "3003",
      LOG_LEVEL: "info",
      PAYMENTS_URL: "http://payments:3004",
      PRODUCTS_URL: "http://products:3002",
      AMQP_URL: { secretKeyRef: { name: "orders-secrets", key: "AMQP_URL" } },
      DATABASE_URL: { secretKeyRef: { name: "orders-secrets", key: "DATABASE_URL" } },
      ARCHKIT_IDENTITY_KEY: { secretKeyRef: { name: "orders-secrets", key: "ARCHKIT_IDENTITY_KEY" } },
      ARCHKIT_IDENTITY_JWKS: expect.any(String),
    });
    expect(env(find(all, "Deployment", "products")).REDIS_URL).toEqual({
      secretKeyRef: { name: "products-secrets", key: "REDIS_URL" },
    });
    expect(env(find(all, "Deployment", "payments")).EXTERNAL_PAYMENT_GATEWAY_URL).toBe(
      "https://payment-gateway.invalid",
    );
    expect(Object.keys(env(find(all, "Deployment", "notifications")))).toEqual(
      expect.arrayContaining(["EXTERNAL_EMAIL_PROVIDER_URL", "EXTERNAL_SMS_PROVIDER_URL", "AMQP_URL", "DATABASE_URL"]),
    );
  });

  it("gives the gateway its port, the routed services, its JWT secret and rate-limit Redis", () => {
    expect(env(find(all, "Deployment", "gateway"))).toEqual({
      PORT: "3000",
      LOG_LEVEL: "info",
      NOTIFICATIONS_URL: "http://notifications:3005",
      ORDERS_URL: "http://orders:3003",
      PAYMENTS_URL: "http://payments:3004",
      PRODUCTS_URL: "http://products:3002",
      USERS_URL: "http://users:3001",
      JWT_SECRET: { secretKeyRef: { name: "gateway-secrets", key: "JWT_SECRET" } },
      REDIS_URL: { secretKeyRef: { name: "gateway-secrets", key: "REDIS_URL" } },
      ARCHKIT_IDENTITY_KEY: { secretKeyRef: { name: "gateway-secrets", key: "ARCHKIT_IDENTITY_KEY" } },
      ARCHKIT_IDENTITY_JWKS: expect.any(String),
    });
  });

  it("gives every workload the same public keys of every workload, and no private part", () => {
    const workloads = ["gateway", "users", "products", "orders", "payments", "notifications"];
    const seen = new Set<string>();
    for (const id of workloads) {
      const jwks = env(find(all, "Deployment", id)).ARCHKIT_IDENTITY_JWKS as string;
      const keys = (JSON.parse(jwks) as { keys: Record<string, unknown>[] }).keys;
      expect(keys.map((k) => k.kid)).toEqual(workloads);
      expect(keys.every((k) => k.d === undefined && k.crv === "Ed25519" && typeof k.x === "string")).toBe(true);
      seen.add(jwks);
    }
    expect(seen.size).toBe(1);
  });

  it("runs the registry's image of each workload with the stack's tag", async () => {
    expect(container(find(all, "Deployment", "orders")).image).toBe("registry.example.com/shop/orders:1.0.0");
    const tagged = manifests(await render(await shopModel(), "production", "config:\n  shop:imageTag: 2.1.0\n"));
    expect(container(find(tagged, "Deployment", "gateway")).image).toBe("registry.example.com/shop/gateway:2.1.0");
  }, 60_000);
});

describe("the shop's program under Pulumi mocks: edge, stores and outputs", () => {
  it("routes the environment's host to the gateway, with TLS, only where the spec has an ingress", () => {
    expect(find(all, "Ingress", "gateway").spec).toEqual({
      rules: [
        {
          host: "api.shop.example.com",
          http: {
            paths: [
              { backend: { service: { name: "gateway", port: { number: 3000 } } }, path: "/", pathType: "Prefix" },
            ],
          },
        },
      ],
      tls: [{ hosts: ["api.shop.example.com"], secretName: "gateway-tls" }],
    });
    expect(names("Ingress", dev)).toEqual([]);
  });

  it("runs PostgreSQL and Redis as StatefulSets with a PersistentVolumeClaim", () => {
    const postgres = find(all, "StatefulSet", "orders-postgres");
    expect(postgres.spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ["ReadWriteOnce"],
      storageClassName: "encrypted-ssd",
      resources: { requests: { storage: "10Gi" } },
    });
    expect(container(postgres).env).toContainEqual({
      name: "POSTGRES_PASSWORD",
      valueFrom: { secretKeyRef: { name: "orders-postgres-credentials", key: "password" } },
    });
    expect(find(all, "StatefulSet", "cache-redis").spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe(
      "1Gi",
    );
    expect(find(all, "Service", "orders-postgres").spec.clusterIP).toBe("None");
  });

  it("runs three RabbitMQ nodes where the environment runs three replicas, one otherwise", () => {
    expect(find(all, "RabbitmqCluster", "shop-rabbitmq").spec.replicas).toBe(3);
    expect(find(dev, "RabbitmqCluster", "shop-rabbitmq").spec.replicas).toBe(1);
  });

  it("exports the gateway URL and the image of each workload", () => {
    expect(production.outputs.gatewayUrl).toBe("https://api.shop.example.com");
    expect(production.outputs.images).toEqual(
      Object.fromEntries(WORKLOADS.map((w) => [w, `registry.example.com/shop/${w}:1.0.0`])),
    );
    expect(production.outputs.environment).toBe("production");
  });

  it("with external infrastructure, runs no stores or broker and takes the connections from stack secrets", async () => {
    const external = await render(await shopModel(), "staging", "config:\n  shop:infrastructure: external\n");
    const objects = manifests(external);
    expect(names("StatefulSet", objects)).toEqual([]);
    expect(names("RabbitmqCluster", objects)).toEqual([]);
    expect(env(find(objects, "Deployment", "orders")).AMQP_URL).toEqual({
      secretKeyRef: { name: "orders-secrets", key: "AMQP_URL" },
    });
    expect(find(objects, "Secret", "orders-secrets").stringData).toEqual({
      AMQP_URL: "<redacted>",
      ARCHKIT_IDENTITY_KEY: "<redacted>",
      DATABASE_URL: "<redacted>",
    });
    expect(find(objects, "NetworkPolicy", "orders").spec.egress).toContainEqual({
      to: [{ ipBlock: { cidr: "0.0.0.0/0" } }],
      ports: [{ protocol: "TCP", port: 5432 }],
    });
    expect(names("NetworkPolicy", objects)).toEqual(["default-deny", ...WORKLOADS]);
    expect(external.outputs.gatewayUrl).toBe("https://api.staging.shop.example.com");
  }, 60_000);

  it("runs a spec without gateway, stores or events: one service (its signing key in a Secret), reachable by nobody but the metrics scraper", async () => {
    const tiny = await render(tinyModel(), "dev");
    const objects = manifests(tiny);
    expect(countByKind(objects)).toEqual({
      Namespace: 1,
      Deployment: 1,
      Secret: 1,
      Service: 1,
      ServiceAccount: 1,
      HorizontalPodAutoscaler: 1,
      PodDisruptionBudget: 1,
      NetworkPolicy: 2,
    });
    const policy = find(objects, "NetworkPolicy", "hello");
    expect(policy.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
        ports: [
          {
            protocol: "TCP",
            port: find(objects, "Deployment", "hello").spec.template.spec.containers[0].ports[1].containerPort,
          },
        ],
      },
    ]);
    expect(policy.spec.egress).toHaveLength(1);
    expect(tiny.outputs.gatewayUrl).toBeUndefined();
    expect(tiny.outputs.images).toEqual({ hello: "registry.example.com/tiny/hello:0.1.0" });
  }, 60_000);
});

describe("the program's own checks", () => {
  it("names every missing stack setting at once", async () => {
    const model = await shopModel();
    const architecture = describeInfra(model);
    const files = [
      ...(await transpileTemplates()),
      { path: "architecture.json", text: architectureJson(architecture) },
    ];
    const run = runUnderMocks(loadPulumiSdk(`${ROOT}no-such-infra`), files, {
      project: "shop",
      stack: "dev",
      config: {},
      secretKeys: [],
    });
    await expect(run).rejects.toThrow(
      /needs 8 more setting\(s\)[\s\S]*pulumi config set --secret jwtSecret <value> -s dev[\s\S]*identitySecret[\s\S]*storeSecret[\s\S]*usersShopAdminEmail[\s\S]*usersShopAdminPassword[\s\S]*smsProviderUrl/,
    );
  }, 60_000);

  it("refuses a stack that is not an environment of the spec", async () => {
    const architecture = describeInfra(await shopModel());
    const files = [
      ...(await transpileTemplates()),
      { path: "architecture.json", text: architectureJson(architecture) },
    ];
    const run = runUnderMocks(loadPulumiSdk(`${ROOT}no-such-infra`), files, {
      project: "shop",
      stack: "qa",
      config: {},
      secretKeys: [],
    });
    await expect(run).rejects.toThrow(
      'stack "qa" is not an environment of architecture.yaml (dev, staging, production)',
    );
  }, 60_000);
});
