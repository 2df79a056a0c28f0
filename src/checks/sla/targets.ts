import type { Endpoint, Model, Service } from "../../model/index.js";
import { urlVariable } from "../../model/naming.js";
import { fillPath } from "../../model/path-template.js";
import { callerSigner, nothingMayCall } from "../../runtime/service/caller.js";
import { requestProblems, validRequest, type SampleRequest } from "../requests/index.js";
import { endpointBudgetOf, flowBudgetOf, type Budget } from "./budget.js";
import type { LoadRequest } from "./load.js";
import { uniqueBody } from "./unique.js";

/** Which answers count as served: a 2xx (a flow's example must succeed), or any status the endpoint declares below 500. */
export type Acceptance = "2xx" | "declared";

/** One thing `archkit sla` loads: a flow through its entry, or an endpoint with a latency budget. */
export interface SlaTarget {
  readonly kind: "flow" | "endpoint";
  /** The flow's name, or `<service>.<endpoint>`. */
  readonly name: string;
  readonly endpoint: Endpoint;
  readonly via: "gateway" | "service";
  readonly request: LoadRequest;
  readonly budget: Budget;
  readonly accept: Acceptance;
  /** The throughput the spec asks for (the flow's, or the whole service's), for the report. */
  readonly specRps?: number;
}

export interface SkippedTarget {
  readonly kind: "flow" | "endpoint";
  readonly name: string;
  readonly reason: string;
}

/** How to reach the system and sign in. */
export interface Access {
  readonly gatewayUrl?: string;
  serviceUrl(id: string): string | undefined;
  /** A bearer token with these roles, or undefined when none can be made. */
  token(roles: readonly string[]): Promise<string | undefined>;
  /** Says how to make tokens possible, for skip reasons. */
  readonly tokenHint: string;
  /** What the workloads' keys derive from: requests straight to a service are signed as its declared caller. */
  readonly identitySecret?: string;
}

/** A fixed subject for the load's identity, so handlers that key data by user see one user. */
export const LOAD_SUBJECT = "5a1f0c2e-0b7d-4c3a-9e8f-1d2c3b4a5e6f";

/**
 * Every flow (at its entry, with its example), then every endpoint with a latency budget (its own
 * or its service's), in spec order. `only` keeps the named ones. A target that cannot be reached or
 * given a valid request is skipped with the reason.
 *
 * @example
 * const { targets, skipped } = await planTargets(model, access, []);
 */
export async function planTargets(
  model: Model,
  access: Access,
  only: readonly string[],
): Promise<{ targets: SlaTarget[]; skipped: SkippedTarget[] }> {
  const targets: SlaTarget[] = [];
  const skipped: SkippedTarget[] = [];
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  const add = async (
    kind: SlaTarget["kind"],
    name: string,
    endpoint: Endpoint,
    service: Service,
    budget: Budget,
    accept: Acceptance,
    specRps: number | undefined,
  ) => {
    const planned = await targetFor(model, access, { kind, name, endpoint, service, budget, accept, specRps });
    if ("reason" in planned) skipped.push(planned);
    else targets.push(planned);
  };
  for (const flow of model.flows) {
    const found = locate(model, flow.entry);
    if (!found || !wanted(flow.id)) continue;
    await add(
      "flow",
      flow.id,
      found.endpoint,
      found.service,
      flowBudgetOf(model, flow, found.service),
      "2xx",
      flow.slo.rps,
    );
  }
  for (const service of model.services) {
    for (const endpoint of service.endpoints) {
      const budget = endpointBudgetOf(model, endpoint, service);
      if (budget && wanted(endpoint.id))
        await add("endpoint", endpoint.id, endpoint, service, budget, "declared", service.slo.rps);
    }
  }
  return { targets, skipped };
}

interface Wanted {
  readonly kind: SlaTarget["kind"];
  readonly name: string;
  readonly endpoint: Endpoint;
  readonly service: Service;
  readonly budget: Budget;
  readonly accept: Acceptance;
  readonly specRps?: number;
}

async function targetFor(model: Model, access: Access, wanted: Wanted): Promise<SlaTarget | SkippedTarget> {
  const { kind, name, endpoint } = wanted;
  const skip = (reason: string): SkippedTarget => ({ kind, name, reason });
  const built = validRequest(model, endpoint);
  if (built.kind === "unsupported") return skip(built.reason);
  const serviceUrl = access.serviceUrl(endpoint.service);
  const viaGateway =
    endpoint.public && access.gatewayUrl !== undefined && (kind === "flow" || serviceUrl === undefined);
  const base = viaGateway ? access.gatewayUrl : serviceUrl;
  if (base === undefined)
    return skip(
      `${endpoint.public ? "no gateway and " : "internal, and "}no URL for ${endpoint.service}: set ${urlVariable("service", endpoint.service)}`,
    );
  const headers: Record<string, string> = { accept: "application/json", ...built.request.headers };
  const roles = endpoint.auth.kind === "none" ? undefined : endpoint.auth.kind === "role" ? [endpoint.auth.role] : [];
  if (roles !== undefined && viaGateway) {
    const token = await access.token(roles);
    if (token === undefined) return skip(`${endpoint.id} needs a token: ${access.tokenHint}`);
    headers.authorization = `Bearer ${token}`;
  } else if (roles !== undefined) {
    Object.assign(headers, { "x-user-id": LOAD_SUBJECT, "x-user-roles": roles.join(",") });
  }
  const url = urlOf(base, endpoint, built.request);
  let sign: LoadRequest["sign"];
  if (!viaGateway && access.identitySecret !== undefined) {
    const signer = callerSigner(model, endpoint, access.identitySecret);
    if (!signer) return skip(nothingMayCall(endpoint));
    const { pathname, search } = new URL(url);
    const user = roles === undefined ? undefined : { id: LOAD_SUBJECT, roles };
    sign = (body) =>
      signer.sign({ audience: endpoint.service, method: endpoint.method, path: `${pathname}${search}`, body, user });
  }
  const unique = uniqueBody(model, endpoint, built.request, (request) => requestProblems(model, endpoint, request));
  if (built.request.body !== undefined) headers["content-type"] = "application/json";
  const timeoutMs = viaGateway ? (model.gateway?.timeoutMs ?? endpoint.timeoutMs) : endpoint.timeoutMs;
  const request: LoadRequest = {
    url,
    ...(sign ? { sign } : {}),
    method: endpoint.method,
    headers,
    body: unique.body,
    idReplacement: unique.replaced,
    timeoutS: Math.max(1, Math.ceil(timeoutMs / 1000)),
  };
  return {
    kind,
    name,
    endpoint,
    via: viaGateway ? "gateway" : "service",
    request,
    budget: wanted.budget,
    accept: wanted.accept,
    specRps: wanted.specRps,
  };
}

function locate(model: Model, id: string): { endpoint: Endpoint; service: Service } | undefined {
  for (const service of model.services) {
    const endpoint = service.endpoints.find((e) => e.id === id);
    if (endpoint) return { endpoint, service };
  }
  return undefined;
}

function urlOf(base: string, endpoint: Endpoint, request: SampleRequest): string {
  const path = fillPath(endpoint.path, request.params, endpoint.id);
  const query = new URLSearchParams(
    Object.entries(request.query).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return `${base.replace(/\/+$/, "")}${path}${query === "" ? "" : `?${query}`}`;
}
