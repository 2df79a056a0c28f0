import type { Call, Endpoint, External, Model } from "../../model/index.js";
import { unreachable } from "../service/unreachable.js";

/** Where a declared call goes. */
export type Target =
  | {
      readonly kind: "endpoint";
      readonly name: string;
      readonly endpoint: Endpoint;
      readonly baseUrl: string;
      readonly provider: string;
    }
  | {
      readonly kind: "external";
      readonly name: string;
      readonly external: External;
      readonly baseUrl: string;
      readonly provider: string;
    };

export interface TargetSources {
  /** Base URLs by service or external id; beats the environment. */
  readonly urls?: Readonly<Record<string, string | undefined>>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * `SCREAMING_SNAKE_CASE` of an id, for environment variable names.
 *
 * @example
 * envName("paymentGateway") // "PAYMENT_GATEWAY"
 */
export function envName(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

/**
 * The environment variable holding a provider's base URL: `<SERVICE>_URL` for a service,
 * `EXTERNAL_<NAME>_URL` for an external.
 *
 * @example
 * urlVariable("service", "products") // "PRODUCTS_URL"
 */
export function urlVariable(kind: "service" | "external", id: string): string {
  return kind === "service" ? `${envName(id)}_URL` : `EXTERNAL_${envName(id)}_URL`;
}

/**
 * Every call the service's endpoints and consumers declare, with its base URL. A provider
 * without a URL is an error naming the variable to set.
 *
 * @example
 * resolveTargets(model, "orders", { env: process.env }).map((t) => t.name) // ["products.reserveStock", "payments.charge"]
 */
export function resolveTargets(model: Model, serviceId: string, sources: TargetSources): Target[] {
  const service = model.services.find((s) => s.id === serviceId);
  if (!service)
    throw new Error(`no service "${serviceId}" in the model; services: ${model.services.map((s) => s.id).join(", ")}`);
  const calls = [...service.endpoints.flatMap((e) => e.calls), ...service.consumers.flatMap((c) => c.calls)];
  const byName = new Map<string, Target>();
  for (const call of calls) {
    const target = targetOf(model, call, sources);
    byName.set(target.name, target);
  }
  return [...byName.values()];
}

function targetOf(model: Model, call: Call, sources: TargetSources): Target {
  switch (call.kind) {
    case "endpoint": {
      const endpoint = model.services
        .find((s) => s.id === call.service)
        ?.endpoints.find((e) => e.name === call.endpoint);
      if (!endpoint) throw new Error(`call ${call.target} names no endpoint of the model`);
      return {
        kind: "endpoint",
        name: call.target,
        endpoint,
        provider: call.service,
        baseUrl: baseUrl(sources, "service", call.service),
      };
    }
    case "external": {
      const external = model.externals.find((x) => x.id === call.external);
      if (!external) throw new Error(`call ${call.external} names no external of the model`);
      return {
        kind: "external",
        name: call.external,
        external,
        provider: call.external,
        baseUrl: baseUrl(sources, "external", call.external, external.url),
      };
    }
    default:
      return unreachable(call);
  }
}

function baseUrl(sources: TargetSources, kind: "service" | "external", id: string, fallback?: string): string {
  const variable = urlVariable(kind, id);
  const url = sources.urls?.[id] ?? sources.env[variable] ?? fallback;
  if (url === undefined || url === "")
    throw new Error(`no base URL for ${kind} ${id}: set ${variable} or pass urls.${id}`);
  return url.replace(/\/+$/, "");
}
