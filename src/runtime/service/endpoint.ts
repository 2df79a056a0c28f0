import type { RequestHandler } from "express";
import type { Endpoint } from "../../model/index.js";
import { runWithCorrelation } from "../observability/correlation.js";
import { readInput } from "./request.js";
import { enforceResponse, sendResult, withProblemBody } from "./response.js";
import { scopeOf, type RequestScope } from "./scope.js";
import type { AnyHandler, RequestContext } from "./types.js";
import type { EndpointValidators } from "./validation.js";

/** An endpoint with its validators and handler, ready to mount. */
export interface CompiledEndpoint {
  readonly endpoint: Endpoint;
  readonly validators: EndpointValidators;
  readonly handler: AnyHandler;
  /** This handler's `ctx.deps`, when it has deps of its own; otherwise the service's deps. */
  readonly deps?: unknown;
}

export interface EndpointOptions<D> {
  readonly deps: D;
  readonly validateResponses: boolean;
}

/**
 * The Express handler of one endpoint: validate the request, run the handler inside the
 * request's correlation context, check the answer against the spec, send it.
 *
 * @example
 * app.post("/orders", endpointHandler(compiled, { deps, validateResponses: true }));
 */
export function endpointHandler<D>(compiled: CompiledEndpoint, options: EndpointOptions<D>): RequestHandler {
  const { endpoint, validators, handler } = compiled;
  return async (req, res) => {
    const scope = scopeOf(res);
    scope.route = endpoint.path;
    const input = readInput(validators, req);
    scope.input = input;
    const ctx = contextOf(scope, endpoint.id, compiled.deps ?? options.deps);
    const answer = await runWithCorrelation(scope, () => handler({ ...input, headers: req.headers, ctx }));
    const result = withProblemBody(validators, answer, req.path);
    enforceResponse(validators, result, endpoint.id, scope, options.validateResponses);
    sendResult(res, result);
  };
}

function contextOf<D>(scope: RequestScope, endpoint: string, deps: D): RequestContext<D> {
  return {
    correlationId: scope.correlationId,
    get log() {
      return scope.log;
    },
    user: scope.user,
    endpoint,
    deps,
  };
}
