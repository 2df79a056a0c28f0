import type { ComputedModel, Endpoint } from "../../../model/index.js";
import { authText, count, duration, joinWords, latencyText } from "../format.js";
import { serviceTitle } from "../lookup.js";
import { gatewayOpenapiPath } from "../paths.js";
import { queueTechnology } from "../views/view.js";
import { table } from "./table.js";
import type { Diagram, Fact, IntegrationView, SecurityView } from "./view.js";

export function integration(computed: ComputedModel, topology: Diagram | undefined): IntegrationView | undefined {
  const sync = syncCalls(computed);
  const async = computed.usesEvents && topology ? asyncEvents(computed, topology) : undefined;
  const externals = externalTable(computed);
  if (!sync && !async && !externals) return undefined;
  const patterns = [
    sync ? "synchronous request/response over HTTP with JSON" : "",
    async ? `asynchronous domain events through ${queueTechnology(computed.model)}` : "",
  ].filter((p) => p);
  return {
    intro: `Services integrate in ${patterns.length === 2 ? "two ways" : "one way"}: ${joinWords(patterns)}.`,
    sync,
    async,
    externals,
  };
}

function syncCalls(computed: ComputedModel): IntegrationView["sync"] {
  const rows = computed.services.flatMap((service) =>
    service.handlers.flatMap((h) =>
      h.calls.flatMap((call) => {
        const caller = `\`${service.id}.${h.name}\``;
        if (call.kind === "external") return [];
        const target = computed.endpointOf(call);
        const retried = target?.idempotent ? "yes" : "no";
        return [
          [
            caller,
            `\`${call.target}\``,
            "HTTP",
            target ? duration(target.timeoutMs) : "",
            retried,
            latencyText(target?.latency ?? {}),
          ],
        ];
      }),
    ),
  );
  const t = table(["Caller", "Calls", "Protocol", "Timeout", "Retried", "Latency budget"], rows);
  if (!t) return undefined;
  const text =
    "Every declared call goes through a generated client: a timeout per call, retries with backoff for idempotent methods only, and a circuit breaker per provider. A call the spec does not declare has no client.";
  return { text, table: t };
}

function asyncEvents(computed: ComputedModel, topology: Diagram): IntegrationView["async"] {
  const model = computed.model;
  const title = (id: string) => serviceTitle(computed, id);
  const t = table(
    ["Event", "Topic", "Key", "Partitions", "Retention", "Published by", "Consumed by"],
    model.events.map((e) => [
      `\`${e.id}\``,
      `\`${e.topic}\``,
      e.key ? `\`${e.key}\`` : "",
      String(e.partitions),
      duration(e.retentionMs),
      joinWords(computed.publishersOf(e.id).map((p) => `${title(p.service)} (\`${p.by}\`)`)),
      joinWords(computed.consumersOf(e.id).map((c) => `${title(c.service)} (\`${c.handler}\`)`)),
    ]),
  )!;
  const text = `Events are published through a transactional outbox and delivered to every consumer group; a consumer retries a failing message with backoff and then moves it to the event's dead-letter topic. ${count(model.events.length, "event")} are declared; the schema of each is in \`asyncapi.yaml\`.`;
  return { text, table: t, topology };
}

function externalTable(computed: ComputedModel) {
  const callersOf = (external: string) => [
    ...new Set(computed.callersOfExternal(external).map((c) => `\`${c.service}.${c.handler}\``)),
  ];
  return table(
    ["System", "Protocol", "Called from", "Latency budget", "Description"],
    computed.model.externals.map((x) => [
      x.title,
      x.protocol.toUpperCase(),
      callersOf(x.id).join(", ") || "not called",
      latencyText(x.latency),
      x.description ?? "",
    ]),
  );
}

export function security(computed: ComputedModel): SecurityView | undefined {
  const model = computed.model;
  const facts = securityFacts(model);
  const row = (e: Endpoint) => [`\`${e.id}\``, `\`${e.method} ${e.path}\``, authText(e.auth)];
  const head = ["Endpoint", "Method and path", "Access"];
  const publicEndpoints = table(head, computed.services.flatMap((s) => s.publicEndpoints).map(row));
  const internal = table(head, computed.services.flatMap((s) => s.endpoints.filter((e) => !e.public)).map(row));
  if (facts.length === 0 && !publicEndpoints && !internal) return undefined;
  return { facts, openapi: gatewayOpenapiPath(computed), publicEndpoints, internalEndpoints: internal };
}

function securityFacts(model: ComputedModel["model"]): Fact[] {
  const g = model.gateway;
  const sec = model.quality.security;
  const facts: Fact[] = [];
  if (g?.auth) {
    const a = g.auth;
    const checks = [
      a.issuer ? `issuer \`${a.issuer}\`` : "",
      a.audience ? `audience \`${a.audience}\`` : "",
      `algorithms ${a.algorithms.join(", ")}`,
    ].filter((c) => c);
    const key = a.jwksUrl ? `keys from ${a.jwksUrl}` : `secret from the \`${a.secretEnv}\` environment variable`;
    facts.push({
      label: "Authentication",
      text: `${sec.authentication ?? "JWT"} bearer tokens verified by the ${g.title} (${joinWords(checks)}; ${key})`,
    });
    facts.push({
      label: "Authorization",
      text: `per endpoint: anyone, any signed-in user, or a role from the \`${a.rolesClaim}\` claim; internal endpoints are never routed from outside`,
    });
  } else if (sec.authentication) facts.push({ label: "Authentication", text: sec.authentication });
  if (sec.authorization) facts.push({ label: "Authorization model", text: sec.authorization });
  if (g?.rateLimit)
    facts.push({
      label: "Rate limiting",
      text: `${g.rateLimit.requests} requests per ${duration(g.rateLimit.perMs)} per client at the gateway`,
    });
  if (g?.cors)
    facts.push({
      label: "CORS",
      text: `allowed origins ${g.cors.origins.map((o) => `\`${o}\``).join(", ")}${g.cors.credentials ? ", with credentials" : ""}`,
    });
  if (sec.tls) facts.push({ label: "Encryption in transit", text: `TLS ${sec.tls}` });
  if (sec.encryptionAtRest) facts.push({ label: "Encryption at rest", text: sec.encryptionAtRest });
  if (sec.compliance.length > 0) facts.push({ label: "Compliance", text: joinWords(sec.compliance) });
  return facts;
}
