import { z } from "zod";
import { Duration, Identifier, Percentage, PositiveInt, Text, TextList, patterned } from "./primitives.js";

export const System = z.strictObject({
  name: patterned("kebab", "kebab-case; the Kubernetes namespace and package name"),
  title: Text,
  description: Text.optional(),
  purpose: Text.optional(),
  scope: Text.optional(),
  style: z.enum(["microservices", "layered", "event-driven", "modular-monolith"]).optional(),
  status: z.enum(["draft", "review", "approved", "implemented"]).optional(),
  version: patterned("semver").optional(),
  owner: Text.optional(),
  date: patterned("date").optional(),
  constraints: z
    .array(z.union([Text, z.strictObject({ kind: z.enum(["technical", "business", "regulatory"]), text: Text })]))
    .optional(),
  principles: z.array(z.strictObject({ name: Text, rationale: Text })).optional(),
  requirements: z.strictObject({ functional: TextList.optional(), nonFunctional: TextList.optional() }).optional(),
});

export const Actor = z.strictObject({ title: Text, description: Text.optional() });

export const External = z.strictObject({
  title: Text,
  description: Text.optional(),
  protocol: z.enum(["https", "http", "grpc", "smtp", "amqp", "kafka", "sftp"]).optional(),
  url: Text.optional(),
  latency: z.strictObject({ p95: Duration.optional(), p99: Duration.optional() }).optional(),
});

export const Client = z.strictObject({
  title: Text,
  description: Text.optional(),
  technology: Text.optional(),
  actor: Identifier.optional(),
  responsibilities: TextList.optional(),
});

export const FlowStep = z.union([Text, z.strictObject({ step: Text, details: TextList })]);

export const Flow = z.strictObject({
  title: Text,
  description: Text.optional(),
  actor: Identifier.optional(),
  entry: patterned("endpointRef"),
  slo: z
    .strictObject({ p95: Duration.optional(), p99: Duration.optional(), rps: z.number().positive().optional() })
    .optional(),
  steps: z.array(FlowStep).optional(),
  example: z
    .strictObject({
      body: z.unknown().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      headers: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});

export const Quality = z.strictObject({
  latency: z
    .strictObject({
      p50: Duration.optional(),
      p95: Duration.optional(),
      p99: Duration.optional(),
      max: Duration.optional(),
    })
    .optional(),
  throughput: z.strictObject({ rps: z.number().positive() }).optional(),
  availability: z.strictObject({ target: Percentage, rto: Duration.optional(), rpo: Duration.optional() }).optional(),
  scalability: z
    .strictObject({
      concurrentUsers: PositiveInt.optional(),
      dataVolume: Text.optional(),
      growth: Text.optional(),
      horizontal: Text.optional(),
    })
    .optional(),
  security: z
    .strictObject({
      tls: z.union([Text, z.number()]).optional(),
      encryptionAtRest: Text.optional(),
      authentication: Text.optional(),
      authorization: Text.optional(),
      compliance: TextList.optional(),
    })
    .optional(),
});

export const Decision = z.strictObject({
  id: patterned("decisionId"),
  title: Text,
  status: z.enum(["proposed", "accepted", "deprecated", "superseded"]),
  date: patterned("date").optional(),
  context: Text,
  decision: Text,
  rationale: Text.optional(),
  consequences: z.strictObject({ gained: TextList.optional(), costs: TextList.optional() }).optional(),
  alternatives: z.array(z.strictObject({ option: Text, rejectedBecause: Text })).optional(),
  supersededBy: patterned("decisionId").optional(),
});

export const Environment = z.strictObject({
  description: Text.optional(),
  replicas: z.number().int().min(0).optional(),
  ingress: z.strictObject({ host: Text, tls: z.boolean().optional() }).optional(),
  infrastructure: z
    .enum(["in-cluster", "external"])
    .optional()
    .describe("Where PostgreSQL, Redis and Kafka run (default in-cluster)"),
  mesh: z
    .enum(["istio", "linkerd"])
    .optional()
    .describe(
      "The service mesh of the cluster: every pod of the namespace is meshed, traffic between pods is mutual TLS only",
    ),
  storage: z
    .strictObject({
      class: Text.describe("The StorageClass of every volume of the in-cluster stores and broker"),
      encrypted: z.boolean().optional().describe("The StorageClass encrypts its volumes at rest (default false)"),
    })
    .optional(),
});

export const Deployment = z.strictObject({
  platform: z.enum(["kubernetes"]),
  registry: patterned("registry", "Where the images are pushed: `<host>[:port][/path]`").optional(),
  namespace: patterned("kebab").optional(),
  environments: z.record(patterned("kebab"), Environment).optional(),
  strategy: Text.optional(),
  broker: z.enum(["kafka", "rabbitmq"]).optional().describe("The event broker production runs (default kafka)"),
});

export const Glossary = z.record(z.string(), Text);
