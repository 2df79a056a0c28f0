/**
 * The shape of `infra/architecture.json`: what the generated Pulumi program needs to know about
 * the architecture, derived once from the model. It is defined once, in the program's own
 * `lib/architecture.d.ts` (shipped under templates/infra/ and written into every generated
 * program); the generator builds values of these types, the program reads them.
 */
export type {
  Architecture as InfraArchitecture,
  Cache as InfraCache,
  Database as InfraDatabase,
  EnvironmentDefaults,
  External as InfraExternal,
  Kafka as InfraKafka,
  Rabbitmq as InfraRabbitmq,
  RequiredConfig,
  Resources as InfraResources,
  RuntimeFacts,
  Topic as InfraTopic,
  Workload as InfraWorkload,
} from "../../../templates/infra/lib/architecture.js";
