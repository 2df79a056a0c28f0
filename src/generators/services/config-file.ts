import type { Model, Service } from "../../model/index.js";
import { urlVariable } from "../../model/naming.js";
import { declaredCalls, usesCache } from "./facts.js";
import { migrationSql, planMigrations } from "../../runtime/db/migrations.js";
import { render } from "./templates.js";

interface Variable {
  readonly name: string;
  readonly description: string;
  readonly default?: string;
}

function variables(model: Model, service: Service): Variable[] {
  const { services, externals } = declaredCalls(service);
  return [
    { name: "PORT", description: "port to listen on", default: String(service.port) },
    { name: "DATABASE_URL", description: "postgres://... or pglite://<dir>", default: "pglite://memory" },
    ...(usesCache(model, service)
      ? [{ name: "REDIS_URL", description: "Redis for the cache; in memory when unset" }]
      : []),
    { name: "KAFKA_BROKERS", description: "host:port,...; the in-process transport when unset" },
    { name: "LOG_LEVEL", description: "pino level", default: "info" },
    ...services.map((id) => ({
      name: urlVariable("service", id),
      description: `base URL of ${id}`,
      default: `http://localhost:${model.services.find((s) => s.id === id)?.port ?? ""}`,
    })),
    ...externals.map((id) => ({ name: urlVariable("external", id), description: `base URL of the external ${id}` })),
  ];
}

/** `generated/config.ts`: the service's port and every environment variable it reads. */
export function configFile(model: Model, service: Service): string {
  return render("generated/config.ts", { id: service.id, port: service.port, variables: variables(model, service) });
}

/** `generated/migrations.sql`: the schema the runtime applies at start, for review and for DBAs. */
export function migrationsFile(model: Model, service: Service): string {
  return migrationSql(planMigrations(model, { service: service.id }));
}
