import type { Model, PostgresStore, Service } from "../../model/index.js";
import { kyselyTypes } from "./db-types.js";
import { render } from "./templates.js";
import { typeName } from "./ts-types.js";

/** `generated/service.ts`: starts the service on the runtime with the user's handlers. */
export function serviceFile(service: Service): string {
  return render("generated/service.ts", {
    id: service.id,
    title: service.title,
    port: service.port,
    type: typeName(service.id),
  });
}

/** `generated/db.ts`: Kysely types of the service's postgres stores. */
export function dbFile(model: Model, service: Service): string {
  return kyselyTypes(
    model.stores.filter((s): s is PostgresStore => s.kind === "postgres" && service.stores.includes(s.id)),
  );
}

/** `generated/state-machines.ts`: state and event types and a typed transition function per machine. */
export function stateMachinesFile(model: Model, service: Service): string {
  const machines = model.stateMachines
    .filter((m) => service.stateMachines.includes(m.id))
    .map((m) => ({
      id: m.id,
      title: m.title,
      initial: m.initial,
      states: m.states,
      events: [...new Set(m.transitions.map((t) => t.on))],
      variable: `${m.id.charAt(0).toLowerCase()}${m.id.slice(1)}Machine`,
    }));
  return render("generated/state-machines.ts", { machines });
}

/** `generated/index.ts` */
export function indexFile(service: Service, hasMachines: boolean): string {
  return render("generated/index.ts", { type: typeName(service.id), machines: hasMachines });
}
