import { z } from "zod";
import {
  Duration,
  Identifier,
  LatencyBudget,
  NonNegativeInt,
  PositiveInt,
  SchemaRef,
  Slo,
  Text,
  TextList,
  TypeName,
  named,
  patterned,
} from "./primitives.js";

export const HttpMethod = z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]);

export const EndpointRequest = z.strictObject({
  body: SchemaRef.optional(),
  params: named("identifier", SchemaRef).optional().describe("Path parameters: every `{name}` in the path"),
  query: named("identifier", SchemaRef).optional(),
  headers: z.record(z.string(), SchemaRef).optional(),
});

export const Endpoint = z.strictObject({
  method: HttpMethod,
  path: patterned("httpPath"),
  summary: Text.optional(),
  description: Text.optional(),
  public: z.boolean().optional().describe("Routed through the gateway (default false)"),
  auth: patterned(
    "auth",
    "none | required | role:<name>; default `required` for public endpoints, `none` otherwise",
  ).optional(),
  request: EndpointRequest.optional(),
  responses: z.record(patterned("statusCode"), z.union([SchemaRef, z.null()])).optional(),
  calls: z
    .array(patterned("callRef"))
    .optional()
    .describe("Synchronous calls in order: <service>.<endpoint> or an external"),
  publishes: z.array(TypeName).optional(),
  latency: LatencyBudget.optional(),
  timeout: Duration.optional(),
  idempotent: z.boolean().optional(),
  tags: TextList.optional(),
});

export const Consumer = z.strictObject({
  handler: Identifier.optional().describe("Handler name; default on<EventName>"),
  description: Text.optional(),
  retries: NonNegativeInt.max(100).optional(),
  backoff: Duration.optional().describe("First retry delay, doubled on each attempt (default 100ms)"),
  deadLetter: z.boolean().optional(),
  calls: z.array(patterned("callRef")).optional(),
  publishes: z.array(TypeName).optional(),
  group: z.string().optional(),
});

export const Scaling = z.strictObject({
  replicas: NonNegativeInt.optional(),
  min: NonNegativeInt.optional(),
  max: PositiveInt.optional(),
  targetCpu: PositiveInt.max(100).optional(),
});

export const Resources = z.strictObject({
  cpu: patterned("cpu").optional(),
  memory: patterned("memory").optional(),
  limits: z.strictObject({ cpu: patterned("cpu").optional(), memory: patterned("memory").optional() }).optional(),
});

export const Service = z.strictObject({
  title: Text.optional(),
  description: Text.optional(),
  technology: Text.optional(),
  owner: Text.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  responsibilities: TextList.optional(),
  stores: z.array(Identifier).optional(),
  endpoints: named("identifier", Endpoint).optional(),
  consumes: named("typeName", Consumer).optional(),
  stateMachines: z.array(TypeName).optional(),
  scaling: Scaling.optional(),
  resources: Resources.optional(),
  slo: Slo.optional(),
  env: z
    .record(
      z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "expected an environment variable name such as `ADMIN_EMAIL`" }),
      z.strictObject({
        description: Text.optional(),
        secret: z.boolean().optional().describe("From a Secret in production, never logged"),
        default: z.union([z.string(), z.number(), z.boolean()]).optional(),
      }),
    )
    .optional()
    .describe("Variables the service's own code reads; every environment provides them"),
});

export const GatewayAuth = z.strictObject({
  kind: z.enum(["jwt"]),
  issuer: Text.optional(),
  audience: Text.optional(),
  secretEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/, { error: "expected an environment variable name such as `JWT_SECRET`" })
    .optional(),
  jwksUrl: z.url().optional(),
  algorithms: TextList.optional(),
  rolesClaim: Text.optional(),
  issuedBy: z
    .array(Identifier)
    .optional()
    .describe("Services that sign access tokens with the gateway's secret (they get it in every environment)"),
});

export const Gateway = z.strictObject({
  title: Text.optional(),
  description: Text.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  auth: GatewayAuth.optional(),
  rateLimit: z.strictObject({ requests: PositiveInt, per: Duration }).optional(),
  cors: z.strictObject({ origins: TextList, credentials: z.boolean().optional() }).optional(),
  timeout: Duration.optional(),
  scaling: Scaling.optional(),
  resources: Resources.optional(),
});
