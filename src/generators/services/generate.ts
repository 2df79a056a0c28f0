import { type ComputedModel, type ComputedService, MODEL_FILE, serializeModel, serviceDir } from "../../model/index.js";
import { ownedFile as owned, type FileSet, type GeneratedFile, type Generator } from "../fileset.js";
import { configFile, migrationsFile } from "./config-file.js";
import { handlersFile, handlerStubs } from "./handlers-file.js";
import { mergeHandlers } from "./merge-handlers.js";
import { handlersScaffold, mainScaffold, packageScaffold, tsconfigScaffold } from "./scaffolds.js";
import { dbFile, indexFile, serviceFile, stateMachinesFile } from "./service-file.js";
import { typesFile } from "./types-file.js";

function serviceFiles(all: ComputedModel, computed: ComputedService): GeneratedFile[] {
  const service = computed.def;
  const dir = `${serviceDir(service.id)}/src`;
  const stubs = handlerStubs(service);
  const hasMachines = service.stateMachines.length > 0;
  const handlersPath = `${dir}/handlers.ts`;
  return [
    owned(`${dir}/generated/types.ts`, typesFile(all, computed)),
    owned(`${dir}/generated/handlers.ts`, handlersFile(all, computed)),
    owned(`${dir}/generated/service.ts`, serviceFile(computed)),
    owned(`${dir}/generated/db.ts`, dbFile(computed)),
    owned(`${dir}/generated/config.ts`, configFile(all, computed)),
    owned(`${dir}/generated/migrations.sql`, migrationsFile(all, computed)),
    ...(hasMachines ? [owned(`${dir}/generated/state-machines.ts`, stateMachinesFile(computed))] : []),
    owned(`${dir}/generated/index.ts`, indexFile(service, hasMachines)),
    {
      kind: "scaffold",
      path: handlersPath,
      content: handlersScaffold(service, stubs),
      merge: (existing) => mergeHandlers(existing, handlersPath, stubs),
      mergeKey: JSON.stringify(stubs),
    },
    { kind: "scaffold", path: `${dir}/main.ts`, content: mainScaffold(service) },
  ];
}

/**
 * The services target: per service, typed handlers, types, a start function and database and
 * state-machine types under src/generated/ (archkit's), plus src/handlers.ts and src/main.ts (the user's).
 */
export function servicesGenerator(archkitVersion: string): Generator {
  return {
    target: "services",
    generate(computed: ComputedModel): FileSet {
      const model = computed.model;
      return {
        target: "services",
        files: [
          { kind: "owned", path: MODEL_FILE, content: serializeModel({ ...model, file: "architecture.yaml" }) },
          { kind: "scaffold", path: "package.json", content: packageScaffold(model, archkitVersion) },
          { kind: "scaffold", path: "tsconfig.json", content: tsconfigScaffold() },
          ...computed.services.flatMap((s) => serviceFiles(computed, s)),
        ],
      };
    },
  };
}
