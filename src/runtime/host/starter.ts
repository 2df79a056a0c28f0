import { readModelFile } from "../../model/computed/serialize.js";
import type { ComputedModel } from "../../model/computed/types.js";
import type { Model } from "../../model/index.js";
import type { Logger } from "pino";
import type { CallSignatures, Clients } from "../clients/index.js";
import type { EventHandler } from "../events/index.js";
import type { Fixtures } from "../fixtures/index.js";
import type { AnyHandler } from "../service/index.js";
import type { TypedPublish } from "./handler-deps.js";
import { type RunningService, type StartServiceOptions, startService } from "./start.js";

/** How a generated service may be started: everything but what its spec already says. */
export type StartOptions = Omit<StartServiceOptions, "model" | "service" | "handlers" | "consumers">;

/** Where a generated service finds its spec and which members of its handlers object serve what. */
export interface StarterSpec<H> {
  /** `services/model.json`, the computed architecture `archkit generate` writes. */
  readonly modelFile: URL;
  readonly service: string;
  /** Members of the handlers object that serve endpoints. */
  readonly endpoints: readonly (keyof H & string)[];
  /** Members of the handlers object that consume events. */
  readonly consumers: readonly (keyof H & string)[];
  /** The service's migrations folder (one folder per store inside), when it has stores. */
  readonly migrations?: URL;
  /** Imports the service's fixtures file, which `ARCHKIT_FIXTURES` makes a starting service load. */
  readonly fixtures?: () => Promise<Fixtures>;
}

/** A generated service: its computed architecture and its start function. */
export interface ServiceStarter<H> {
  readonly computed: ComputedModel;
  readonly model: Model;
  readonly start: (handlers: H, options?: StartOptions) => Promise<RunningService>;
}

/**
 * What a generated `service.ts` exports: the model file read (and checked) once, and a start
 * function that hands the named handlers to `startService`.
 *
 * @example
 * const orders = serviceStarter<Handlers>({ modelFile, service: "orders", endpoints: ["placeOrder"], consumers: [] });
 * const running = await orders.start(handlers, { signals: true });
 */
export function serviceStarter<H extends object>(spec: StarterSpec<H>): ServiceStarter<H> {
  const computed = readModelFile(spec.modelFile);
  const model = computed.model;
  const pick = <T>(handlers: H, names: readonly string[]): Record<string, T> =>
    Object.fromEntries(names.map((name) => [name, (handlers as Record<string, T>)[name]])) as Record<string, T>;
  return {
    computed,
    model,
    start: (handlers, options = {}) =>
      startService({
        ...(spec.migrations ? { migrations: spec.migrations } : {}),
        ...(spec.fixtures ? { fixtures: spec.fixtures } : {}),
        ...options,
        model,
        service: spec.service,
        handlers: pick<AnyHandler>(handlers, spec.endpoints),
        consumers: pick<EventHandler>(handlers, spec.consumers),
      }),
  };
}

/**
 * What every handler of a generated service finds in `ctx.deps` (a consumer in `context.deps`):
 * a `publish` of only the events `E` (name to payload type) that handler declares, clients for
 * only the service's declared calls, typed by `C` (the generated `Calls`: each callee endpoint's
 * input and results), and the service's logger. The generated `Deps` adds `db` and `tx`
 * (`DatabaseDeps`) when the service has a database store, `cache` when it has a cache.
 */
export interface SpecDeps<E, C extends string | CallSignatures<C>, Externals extends string> {
  readonly publish: TypedPublish<E>;
  readonly clients: Clients<C, Externals>;
  readonly logger: Logger;
}
