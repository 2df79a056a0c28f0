import type { Model, Service } from "../../model/index.js";
import { typeName } from "./ts-types.js";

/** The user's src/handlers.ts as first written: every handler a 501 stub. */
export function handlersScaffold(service: Service, stubs: readonly { readonly text: string }[]): string {
  const body = stubs.map((s) => `${s.text.split("\n").map((l) => (l === "" ? l : `  ${l}`)).join("\n")},`).join("\n\n");
  return [
    'import { NotImplemented } from "archkit/runtime";',
    'import type { Handlers } from "./generated/index.js";',
    "",
    `/** ${service.title}: fill in each handler. \`archkit generate\` adds stubs for new endpoints and consumers here and never changes what you wrote. */`,
    "export const handlers: Handlers = {",
    body,
    "};",
    "",
  ].join("\n");
}

/** The user's src/main.ts: starts the service with graceful shutdown on SIGTERM/SIGINT. */
export function mainScaffold(service: Service): string {
  return [
    `import { start${typeName(service.id)} } from "./generated/index.js";`,
    'import { handlers } from "./handlers.js";',
    "",
    `const running = await start${typeName(service.id)}(handlers, { signals: true });`,
    `console.log(\`${service.id} listening on \${running.url}\`);`,
    "",
  ].join("\n");
}

/** The project's package.json, written once; the user owns it afterwards. */
export function packageScaffold(model: Model, archkitVersion: string): string {
  const scripts: Record<string, string> = { typecheck: "tsc --noEmit", generate: "archkit generate", validate: "archkit validate" };
  for (const s of model.services) scripts[`start:${s.id}`] = `tsx services/${s.id}/src/main.ts`;
  const pkg = {
    name: model.system.name,
    version: model.system.version,
    private: true,
    type: "module",
    scripts,
    dependencies: { archkit: `^${archkitVersion}` },
    devDependencies: { "@types/node": "^20.0.0", tsx: "^4.0.0", typescript: "^5.9.0" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export const TSCONFIG_SCAFFOLD = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2023"],
      types: ["node"],
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ["services/*/src"],
  },
  null,
  2,
)}\n`;
