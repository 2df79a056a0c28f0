import {
  type ComputedModel,
  type ComputedService,
  type Service,
  stateMachineNames,
  typeName,
} from "../../model/index.js";
import { kyselyTypes } from "./db-types.js";
import { hasFixtures } from "./fixtures-file.js";
import { render } from "./templates.js";

/** `generated/service.ts`: starts the service on the runtime with the user's handlers. */
export function serviceFile(service: ComputedService): string {
  return render("generated/service.ts", {
    id: service.id,
    title: service.def.title,
    env: service.needs.env.map((e) => (e.source.kind === "port" ? `${e.name} (${service.def.port})` : e.name)),
    type: typeName(service.id),
    migrations: service.databaseStores.length > 0,
    fixtures: hasFixtures(service),
  });
}

/** `generated/db.ts`: Kysely types of the service's database stores. */
export function dbFile(computed: ComputedModel, service: ComputedService): string {
  return kyselyTypes(computed, service);
}

/** `generated/state-machines.ts`: state and event types and a typed transition function per machine. */
export function stateMachinesFile(service: ComputedService): string {
  const machines = service.stateMachines.map((m) => ({
    id: m.id,
    title: m.title,
    initial: m.initial,
    states: m.states,
    events: [...new Set(m.transitions.map((t) => t.on))],
    variable: stateMachineNames(m.id).value,
  }));
  return render("generated/state-machines.ts", { machines });
}

/** `generated/index.ts` */
export function indexFile(service: Service, hasMachines: boolean): string {
  return render("generated/index.ts", { type: typeName(service.id), machines: hasMachines });
}
