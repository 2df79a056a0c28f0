import {
  type ComputedModel,
  type ComputedService,
  MODEL_FILE,
  type Model,
  SCHEMA_TYPES_FILE,
  serializeModel,
  serviceDir,
} from "../../model/index.js";
import { ownedFile as owned, type FileSet, type GeneratedFile, type Generator } from "../fileset.js";
import { clientsFile } from "./clients-file.js";
import { configFile, migrationsFile } from "./config-file.js";
import { fixturesFile, fixturesScaffold, hasFixtures } from "./fixtures-file.js";
import { handlersFile, handlerStubs } from "./handlers-file.js";
import { mergeHandlers } from "./merge-handlers.js";
import { migrationFolders } from "./migrations.js";
import { mergeModuleType, mergePackageJson } from "./package-merge.js";
import {
  handlersScaffold,
  mainScaffold,
  modulePackageScaffold,
  packageScaffold,
  tsconfigScaffold,
} from "./scaffolds.js";
import { dbFile, indexFile, serviceFile, stateMachinesFile } from "./service-file.js";
import { schemaTypesFile, typesFile } from "./types-file.js";

function serviceFiles(all: ComputedModel, computed: ComputedService): GeneratedFile[] {
  const service = computed.def;
  const dir = `${serviceDir(service.id)}/src`;
  const stubs = handlerStubs(service);
  const hasMachines = service.stateMachines.length > 0;
  const handlersPath = `${dir}/handlers.ts`;
  return [
    owned(`${dir}/generated/types.ts`, typesFile(all, computed)),
    owned(`${dir}/generated/clients.ts`, clientsFile(all, computed)),
    owned(`${dir}/generated/handlers.ts`, handlersFile(all, computed)),
    owned(`${dir}/generated/service.ts`, serviceFile(computed)),
    owned(`${dir}/generated/db.ts`, dbFile(all, computed)),
    owned(`${dir}/generated/config.ts`, configFile(all, computed)),
    owned(`${dir}/generated/migrations.sql`, migrationsFile(all, computed)),
    ...(hasMachines ? [owned(`${dir}/generated/state-machines.ts`, stateMachinesFile(computed))] : []),
    owned(`${dir}/generated/index.ts`, indexFile(service, hasMachines)),
    ...(hasFixtures(computed)
      ? [
          owned(`${dir}/generated/fixtures.ts`, fixturesFile(all, computed)),
          { kind: "scaffold" as const, path: `${dir}/fixtures.ts`, content: fixturesScaffold(computed) },
        ]
      : []),
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

/** The project's package.json and services/package.json: written when absent, else merged (only additions). */
function packageFiles(model: Model, archkitSpec: string): GeneratedFile[] {
  const root = packageScaffold(model, archkitSpec);
  const services = modulePackageScaffold();
  return [
    {
      kind: "scaffold",
      path: "package.json",
      content: root,
      merge: (text) => mergePackageJson(text, root, "package.json"),
      mergeKey: root,
    },
    {
      kind: "scaffold",
      path: "services/package.json",
      content: services,
      merge: (text) => mergeModuleType(text, "services/package.json"),
      mergeKey: services,
    },
  ];
}

/**
 * The services target: per service, typed handlers, types, a start function and database and
 * state-machine types under src/generated/ (archkit's), plus src/handlers.ts and src/main.ts (the user's).
 * `archkitSpec` is the `archkit` dependency a new package.json gets (default `^<version>`); an
 * existing package.json keeps its own.
 *
 * @example
 * servicesGenerator("0.1.0", "file:../archkit-0.1.0.tgz").generate(computed).files.map((f) => f.path)
 */
export function servicesGenerator(archkitVersion: string, archkitSpec = `^${archkitVersion}`): Generator {
  return {
    target: "services",
    generate(computed: ComputedModel): FileSet {
      const model = computed.model;
      return {
        target: "services",
        files: [
          { kind: "owned", path: MODEL_FILE, content: serializeModel({ ...model, file: "architecture.yaml" }) },
          owned(SCHEMA_TYPES_FILE, schemaTypesFile(computed)),
          ...packageFiles(model, archkitSpec),
          { kind: "scaffold", path: "tsconfig.json", content: tsconfigScaffold() },
          ...computed.services.flatMap((s) => serviceFiles(computed, s)),
        ],
        histories: computed.services.flatMap(migrationFolders),
      };
    },
  };
}
