import type { Model, Service } from "../../model/index.js";
import type { HandlerStub } from "./merge-handlers.js";
import { render } from "./templates.js";
import { typeName } from "./ts-types.js";

/** The user's src/handlers.ts as first written: every handler a 501 stub. */
export function handlersScaffold(service: Service, stubs: readonly HandlerStub[]): string {
  return render("handlers.ts", { title: service.title, stubs });
}

/** The user's src/main.ts: starts the service with graceful shutdown on SIGTERM/SIGINT. */
export function mainScaffold(service: Service): string {
  return render("main.ts", { id: service.id, type: typeName(service.id) });
}

/** The project's package.json as a new project gets it; an existing one is merged (see mergePackageJson). */
export function packageScaffold(model: Model, archkitSpec: string): string {
  return render("package.json", {
    name: model.system.name,
    version: model.system.version,
    services: model.services.map((s) => s.id),
    archkitSpec,
  });
}

/** `services/package.json`: the generated services are ES modules even when the project's root is CommonJS. */
export function modulePackageScaffold(): string {
  return `${JSON.stringify({ private: true, type: "module" }, null, 2)}\n`;
}

/** The project's tsconfig.json (strict), written once. */
export function tsconfigScaffold(): string {
  return render("tsconfig.json", {});
}
