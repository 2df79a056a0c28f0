import type { Model } from "../../../model/index.js";
import { authText, count, duration, joinWords, latencyText } from "../format.js";
import { handlerCalls, handlerName, handlersOf } from "../lookup.js";
import { gatewayOpenapiPath } from "../paths.js";
import { usesMessaging } from "../relations.js";
import { QUEUE_TECHNOLOGY } from "../views/view.js";
import { table } from "./table.js";
import type { Diagram, Fact, IntegrationView, SecurityView } from "./view.js";

export function integration(model: Model, topology: Diagram | undefined): IntegrationView | undefined {
  const sync = syncCalls(model);
  const async = usesMessaging(model) && topology ? asyncEvents(model, topology) : undefined;
  const externals = externalTable(model);
  if (!sync && !async && !externals) return undefined;
  const patterns = [
    sync ? "synchronous request/response over HTTP with JSON" : "",
    async ? `asynchronous domain events through ${QUEUE_TECHNOLOGY}` : "",
  ].filter((p) => p);
  return {
    intro: `Services integrate in ${patterns.length === 2 ? "two ways" : "one way"}: ${joinWords(patterns)}.`,
    sync,
    async,
    externals,
  };
}

function syncCalls(model: Model): IntegrationView["sync"] {
  const endpoint = (id: string) => model.services.flatMap((s) => s.endpoints).find((e) => e.id === id);
  const rows = model.services.flatMap((service) =>
    handlersOf(service).flatMap((h) =>
      handlerCalls(h).flatMap((call) => {
        const caller = `\`${service.id}.${handlerName(h)}\``;
        if (call.kind === "external") return [];
        const target = endpoint(call.target);
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

function asyncEvents(model: Model, topology: Diagram): IntegrationView["async"] {
  const title = (id: string) => model.services.find((s) => s.id === id)?.title ?? id;
  const t = table(
    ["Event", "Topic", "Key", "Partitions", "Retention", "Published by", "Consumed by"],
    model.events.map((e) => [
      `\`${e.id}\``,
      `\`${e.topic}\``,
      e.key ? `\`${e.key}\`` : "",
      String(e.partitions),
      duration(e.retentionMs),
      joinWords(e.producers.map((p) => `${title(p.service)} (\`${p.by}\`)`)),
      joinWords(e.consumers.map((c) => `${title(c.service)} (\`${c.handler}\`)`)),
    ]),
  )!;
  const text = `Events are published through a transactional outbox and delivered to every consumer group; a consumer retries a failing message with backoff and then moves it to the event's dead-letter topic. ${count(model.events.length, "event")} are declared; the schema of each is in \`asyncapi.yaml\`.`;
  return { text, table: t, topology };
}

function externalTable(model: Model) {
  const callersOf = (external: string) =>
    model.services.flatMap((s) =>
      handlersOf(s)
        .filter((h) => handlerCalls(h).some((c) => c.kind === "external" && c.external === external))
        .map((h) => `\`${s.id}.${handlerName(h)}\``),
    );
  return table(
    ["System", "Protocol", "Called from", "Latency budget", "Description"],
    model.externals.map((x) => [
      x.title,
      x.protocol.toUpperCase(),
      callersOf(x.id).join(", ") || "not called",
      latencyText(x.latency),
      x.description ?? "",
    ]),
  );
}

export function security(model: Model): SecurityView | undefined {
  const facts = securityFacts(model);
  const endpoints = model.services.flatMap((s) => s.endpoints);
  const publicEndpoints = table(
    ["Endpoint", "Method and path", "Access"],
    endpoints.filter((e) => e.public).map((e) => [`\`${e.id}\``, `\`${e.method} ${e.path}\``, authText(e.auth)]),
  );
  const internal = table(
    ["Endpoint", "Method and path", "Access"],
    endpoints.filter((e) => !e.public).map((e) => [`\`${e.id}\``, `\`${e.method} ${e.path}\``, authText(e.auth)]),
  );
  if (facts.length === 0 && !publicEndpoints && !internal) return undefined;
  return { facts, openapi: gatewayOpenapiPath(model), publicEndpoints, internalEndpoints: internal };
}

function securityFacts(model: Model): Fact[] {
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
