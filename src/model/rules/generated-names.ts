import { computeModel } from "../computed/index.js";
import type { ComputedModel, ComputedService } from "../computed/index.js";
import {
  callTypeNames,
  endpointTypeNames,
  fixedServiceNames,
  handlerDepsTypeName,
  payloadTypeName,
  RESERVED_TYPE_NAMES,
  RUNTIME_ENV,
  stateMachineNames,
  storeTypeNames,
} from "../naming.js";
import type { Path } from "../source.js";
import type { Rule } from "./context.js";

interface Origin {
  readonly what: string;
  readonly at: Path;
  readonly part: "key" | "value";
}

/** Every name a service's generated module declares, with the spec element it comes from. */
function declaredNames(computed: ComputedModel, service: ComputedService): [string, Origin][] {
  const names: [string, Origin][] = [];
  const add = (list: readonly string[], origin: Origin) => {
    for (const name of list) names.push([name, origin]);
  };
  add(fixedServiceNames(service.id), { what: "archkit's generated code", at: service.def.source, part: "key" });
  for (const id of service.schemas)
    add([id], { what: `schema \`${id}\``, at: computed.schema(id)!.source, part: "key" });
  for (const e of service.endpoints)
    add([...endpointTypeNames(e.name), handlerDepsTypeName(e.name)], {
      what: `endpoint \`${e.id}\``,
      at: e.source,
      part: "key",
    });
  for (const c of service.consumers)
    add([handlerDepsTypeName(c.handler)], { what: `consumer \`${c.handler}\``, at: c.source, part: "key" });
  for (const call of service.calls) {
    if (call.kind === "endpoint")
      add(Object.values(callTypeNames(call.target)), {
        what: `call \`${call.target}\``,
        at: call.source,
        part: "value",
      });
  }
  for (const event of service.events) {
    if (event.schema.kind === "inline") {
      add([payloadTypeName(event.id, computed.schemaNames)], {
        what: `event \`${event.id}\``,
        at: event.source,
        part: "key",
      });
    }
  }
  for (const m of service.stateMachines) {
    const n = stateMachineNames(m.id);
    add([n.state, n.event, n.value], { what: `state machine \`${m.id}\``, at: m.source, part: "key" });
  }
  for (const store of service.databaseStores) {
    const n = storeTypeNames(
      store.id,
      store.kind === "postgres" ? store.tables.map((t) => t.name) : store.collections.map((c) => c.name),
    );
    add([n.database, ...n.tables], { what: `store \`${store.id}\``, at: store.source, part: "key" });
  }
  return names;
}

/** Two spec names that would declare the same identifier in a service's generated TypeScript. */
export const generatedNameClash: Rule = {
  name: "generated-name-clash",
  check({ model, report }) {
    const computed = computeModel(model);
    for (const service of computed.services) {
      const seen = new Map<string, Origin>();
      for (const [name, origin] of declaredNames(computed, service)) {
        const first = seen.get(name);
        if (RESERVED_TYPE_NAMES.includes(name)) {
          report(
            "generatedNameClash",
            origin.at,
            {
              message: `${origin.what} gives service \`${service.id}\` the generated name \`${name}\`, which archkit's generated code or TypeScript already uses`,
              hint: "rename it",
            },
            origin.part,
          );
        } else if (first && first.what !== origin.what) {
          report(
            "generatedNameClash",
            origin.at,
            {
              message: `${origin.what} and ${first.what} both give service \`${service.id}\` the generated name \`${name}\``,
              hint: "rename one of them so each generated type has its own name",
            },
            origin.part,
          );
        } else if (!first) seen.set(name, origin);
      }
    }
  },
};

const RUNTIME_NAMES = new Set<string>(Object.values(RUNTIME_ENV));

/** A variable the spec declares for a service that archkit itself sets or reads. */
export const reservedVariable: Rule = {
  name: "reserved-variable",
  check({ model, report }) {
    const computed = computeModel(model);
    for (const service of computed.services) {
      const derived = new Set(service.needs.env.filter((e) => e.source.kind !== "declared").map((e) => e.name));
      for (const v of service.def.env) {
        if (!RUNTIME_NAMES.has(v.name) && !derived.has(v.name)) continue;
        report(
          "reservedVariable",
          [...service.def.source, "env", v.name],
          {
            message: `service \`${service.id}\` declares ${v.name}, a variable archkit sets for it`,
            hint: "choose another name; archkit gives the service this one from the model",
          },
          "key",
        );
      }
    }
  },
};
