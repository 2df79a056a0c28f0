import type { Model } from "../model/index.js";

/**
 * The order to stop a system's services in, as waves: a service stops only once every service
 * that calls it has stopped, so a request in flight that crosses services finds each callee still
 * serving while its caller finishes. Services in a call cycle stop together, in the last wave.
 *
 * @example
 * stopWaves(shop) // [["orders", "notifications", "users"], ["payments", "products"]]
 */
export function stopWaves(model: Model): readonly (readonly string[])[] {
  const callers = new Map<string, Set<string>>(model.services.map((s) => [s.id, new Set<string>()]));
  for (const service of model.services)
    for (const calls of [...service.endpoints, ...service.consumers].map((x) => x.calls))
      for (const call of calls)
        if (call.kind === "endpoint" && call.service !== service.id) callers.get(call.service)?.add(service.id);
  const waves: string[][] = [];
  const stopped = new Set<string>();
  let left = model.services.map((s) => s.id as string);
  while (left.length > 0) {
    const wave = left.filter((id) => [...(callers.get(id) ?? [])].every((caller) => stopped.has(caller)));
    const next = wave.length > 0 ? wave : left;
    waves.push(next);
    for (const id of next) stopped.add(id);
    left = left.filter((id) => !stopped.has(id));
  }
  return waves;
}
