import { computeModel } from "../../model/computed/index.js";
import type { Call, Endpoint, External, Model } from "../../model/index.js";
import { urlVariable } from "../../model/naming.js";
import { unreachable } from "../service/unreachable.js";

/** Where a declared call goes. */
export type Target =
  | {
      readonly kind: "endpoint";
      readonly name: string;
      readonly endpoint: Endpoint;
      /** The statuses a call gets back as a result (`computed.answersOf`). */
      readonly answers: ReadonlySet<number>;
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
 * Every call the service's endpoints and consumers declare, with its base URL. A provider
 * without a URL is an error naming the variable to set.
 *
 * @example
 * resolveTargets(model, "orders", { env: process.env }).map((t) => t.name) // ["products.reserveStock", "payments.charge"]
 */
export function resolveTargets(model: Model, serviceId: string, sources: TargetSources): Target[] {
  return computeModel(model)
    .service(serviceId)
    .calls.map((call) => targetOf(model, call, sources));
}

function targetOf(model: Model, call: Call, sources: TargetSources): Target {
  switch (call.kind) {
    case "endpoint": {
      const computed = computeModel(model);
      const endpoint = declared(computed.endpointOf(call), call.target, "endpoint");
      const url = baseUrl(sources, "service", call.service);
      const answers = new Set(computed.answersOf(endpoint.id).map((r) => r.status));
      return { kind: "endpoint", name: call.target, endpoint, answers, provider: call.service, baseUrl: url };
    }
    case "external": {
      const external = declared(computeModel(model).external(call.external), call.external, "external");
      const url = baseUrl(sources, "external", call.external, external.url);
      return { kind: "external", name: call.external, external, provider: call.external, baseUrl: url };
    }
    default:
      return unreachable(call);
  }
}

/** What a call names, or an error when the model declares no such endpoint or external. */
function declared<T>(found: T | undefined, name: string, kind: "endpoint" | "external"): T {
  if (!found) throw new Error(`call ${name} names no ${kind} of the model`);
  return found;
}

function baseUrl(sources: TargetSources, kind: "service" | "external", id: string, fallback?: string): string {
  const variable = urlVariable(kind, id);
  const url = sources.urls?.[id] ?? sources.env[variable] ?? fallback;
  if (url === undefined || url === "")
    throw new Error(`no base URL for ${kind} ${id}: set ${variable} or pass urls.${id}`);
  return url.replace(/\/+$/, "");
}
