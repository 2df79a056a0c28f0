import {
  type ComputedModel,
  type ComputedService,
  type Endpoint,
  kebabCase,
  type Model,
  type SchemaId,
} from "../../../model/index.js";
import { openApiPath } from "../../../model/path-template.js";
import { duration } from "../format.js";
import { serviceTitle } from "../lookup.js";
import { reachableSchemas } from "../schemas.js";
import { operation, SECURITY_SCHEME } from "./operation.js";

/** OpenAPI 3.1 of one service: every endpoint, internal ones included, as the service itself serves them. */
export function serviceOpenapi(computed: ComputedModel, computedService: ComputedService): Record<string, unknown> {
  const model = computed.model;
  const service = computedService.def;
  const paths = pathsOf(service.endpoints, (e) => ({
    operationId: e.name,
    tag: service.title,
    gatewayResponses: false,
    gatewayStatuses: [],
  }));
  return document(computed, {
    info: {
      title: `${service.title} API`,
      version: model.system.version,
      ...(service.description ? { description: service.description } : {}),
    },
    servers: [
      {
        url: `http://${kebabCase(service.id)}:${service.port}`,
        description: `Inside the cluster, namespace ${model.deployment.namespace}`,
      },
    ],
    tags: [{ name: service.title, ...(service.description ? { description: service.description } : {}) }],
    paths,
  });
}

/** OpenAPI 3.1 of what the gateway exposes: the public endpoints of every service, with its auth and rate limit. */
export function gatewayOpenapi(computed: ComputedModel): Record<string, unknown> {
  const model = computed.model;
  const gateway = model.gateway!;
  const routed = computed.routedServices.flatMap((s) => s.publicEndpoints);
  const names = routed.map((e) => e.name);
  const title = (id: string) => serviceTitle(computed, id);
  const paths = pathsOf(routed, (e) => ({
    operationId:
      names.indexOf(e.name) === names.lastIndexOf(e.name)
        ? e.name
        : `${e.service}${e.name.charAt(0).toUpperCase()}${e.name.slice(1)}`,
    tag: title(e.service),
    gatewayResponses: true,
    gatewayStatuses: computed.gatewayStatusesOf(e),
  }));
  const hosts = model.deployment.environments.flatMap((env) =>
    env.ingress ? [{ url: `${env.ingress.tls ? "https" : "http"}://${env.ingress.host}`, description: env.name }] : [],
  );
  const description = [
    gateway.description ?? `The public API of ${model.system.title}, served by the ${gateway.title}.`,
    rateLimitText(model),
  ]
    .filter((t) => t)
    .join("\n\n");
  return document(computed, {
    info: { title: `${model.system.title} public API`, version: model.system.version, description },
    servers: hosts.length > 0 ? hosts : [{ url: `http://localhost:${gateway.port}`, description: "Local development" }],
    tags: [...new Set(routed.map((e) => e.service as string))].map((id) => ({ name: title(id) })),
    paths,
  });
}

function rateLimitText(model: Model): string {
  const limit = model.gateway?.rateLimit;
  return limit
    ? `Rate limit: ${limit.requests} requests per ${duration(limit.perMs)} per client; over it the gateway answers 429.`
    : "";
}

type Options = Parameters<typeof operation>[1];

function pathsOf(
  endpoints: readonly Endpoint[],
  options: (e: Endpoint) => Options,
): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = openApiPath(e.path);
    paths[path] ??= {};
    paths[path]![e.method.toLowerCase()] = operation(e, options(e));
  }
  return Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface Parts {
  readonly info: Record<string, unknown>;
  readonly servers: readonly Record<string, unknown>[];
  readonly tags: readonly Record<string, unknown>[];
  readonly paths: Record<string, Record<string, unknown>>;
}

function document(computed: ComputedModel, parts: Parts): Record<string, unknown> {
  const model = computed.model;
  const used = refsIn(parts.paths).map((name) => ({ kind: "named" as const, name: name as SchemaId, source: [] }));
  const schemas = Object.fromEntries(reachableSchemas(computed, used));
  const secured = JSON.stringify(parts.paths).includes(`"${SECURITY_SCHEME}"`);
  const components: Record<string, unknown> = {};
  if (Object.keys(schemas).length > 0) components["schemas"] = schemas;
  if (secured) components["securitySchemes"] = { [SECURITY_SCHEME]: securityScheme(model) };
  return {
    openapi: "3.1.0",
    info: parts.info,
    servers: parts.servers,
    tags: parts.tags,
    paths: parts.paths,
    ...(Object.keys(components).length > 0 ? { components } : {}),
  };
}

function securityScheme(model: Model): Record<string, unknown> {
  const auth = model.gateway?.auth;
  if (!auth) return { type: "http", scheme: "bearer", bearerFormat: "JWT" };
  const claims = [
    auth.issuer ? `issuer \`${auth.issuer}\`` : "",
    auth.audience ? `audience \`${auth.audience}\`` : "",
  ].filter((c) => c);
  const checks = claims.length > 0 ? ` Checks ${claims.join(" and ")}.` : "";
  const description = `JWT (${auth.algorithms.join(", ")}) verified by the ${model.gateway!.title}.${checks} Roles come from the \`${auth.rolesClaim}\` claim.`;
  return { type: "http", scheme: "bearer", bearerFormat: "JWT", description };
}

function refsIn(node: unknown): string[] {
  const found = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n !== null && typeof n === "object") {
      for (const [key, value] of Object.entries(n)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/"))
          found.add(value.slice("#/components/schemas/".length));
        else walk(value);
      }
    }
  };
  walk(node);
  return [...found];
}
