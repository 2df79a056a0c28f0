import type { ComputedModel, ComputedService, EnvNeed, EnvSourceKind } from "../../model/index.js";
import { migrationSql, planMigrations } from "../../runtime/db/migrations.js";
import { render } from "./templates.js";

interface Variable {
  readonly name: string;
  readonly description: string;
  readonly default?: string;
}

/** What a variable means on a developer's machine, where `archkit dev` and the runtime's defaults apply. */
const LOCAL = {
  port: (_, s) => ({ description: "port to listen on", default: String(s.def.port) }),
  "log-level": () => ({ description: "pino level", default: "info" }),
  database: () => ({ description: "postgres://... or pglite://<dir>", default: "pglite://memory" }),
  cache: () => ({ description: "Redis for the cache; in memory when unset" }),
  broker: (e) => ({ description: `${e.description}; the in-process transport when unset` }),
  "service-url": (e, _, computed) => ({
    description: e.description,
    default:
      e.source.kind === "service-url" ? `http://localhost:${computed.service(e.source.service).def.port}` : undefined,
  }),
  "external-url": (e) => ({ description: e.description }),
  "jwt-secret": (e) => ({ description: e.description }),
  identity: (e) => ({ description: `${e.description}; archkit dev sets it` }),
  declared: (e) => ({
    description: e.description,
    default: e.source.kind === "declared" ? e.source.default : undefined,
  }),
} satisfies Record<EnvSourceKind, (e: EnvNeed, s: ComputedService, computed: ComputedModel) => Omit<Variable, "name">>;

function variables(computed: ComputedModel, service: ComputedService): Variable[] {
  return service.needs.env.map((e) => ({ name: e.name, ...LOCAL[e.source.kind](e, service, computed) }));
}

/** `generated/config.ts`: the service's port and every environment variable it reads. */
export function configFile(computed: ComputedModel, service: ComputedService): string {
  return render("generated/config.ts", {
    id: service.id,
    port: service.def.port,
    variables: variables(computed, service),
  });
}

/** `generated/migrations.sql`: the schema of the service's stores as the spec declares it now, for review; the runtime applies `migrations/<store>/` instead. */
export function migrationsFile(computed: ComputedModel, service: ComputedService): string {
  return migrationSql(planMigrations(computed.model, { service: service.id }));
}
