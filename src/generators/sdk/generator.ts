import { type ComputedModel, type ComputedService, SDK_DIR, sdkPackageName, typeName } from "../../model/index.js";
import { ownedFile as owned, type FileSet, type GeneratedFile, type Generator } from "../fileset.js";
import { templateFolder, templateSources } from "../templates.js";
import { schemaToType } from "../services/ts-types.js";
import { type EndpointView, endpointView } from "./endpoint-view.js";

const template = templateFolder("sdk");

function render(name: "index.ts" | "service.ts" | "schemas.ts" | "README.md", view: object): string {
  return `${template(`${name}.hbs`)(view).trimEnd()}\n`;
}

/**
 * The sdk target: `sdk/`, a TypeScript package with a typed client of the public endpoints as the
 * gateway serves them (fetch only, no archkit runtime): `src/index.ts` (the `Client`),
 * `src/services/<service>.ts` per routed service, `src/schemas.ts`, `src/transport.ts`,
 * package.json, tsconfig.json and a README. Nothing when the spec has no gateway or no public endpoint.
 */
export const sdkGenerator: Generator = {
  target: "sdk",
  generate(computed: ComputedModel): FileSet {
    if (!computed.model.gateway || computed.routes.length === 0) return { target: "sdk", files: [] };
    const services = computed.routedServices.map((s) => serviceView(computed, s));
    const src = `${SDK_DIR}/src`;
    const files: GeneratedFile[] = [
      owned(`${SDK_DIR}/package.json`, json(packageJson(computed))),
      owned(`${SDK_DIR}/tsconfig.json`, json(TSCONFIG)),
      owned(`${SDK_DIR}/README.md`, readme(computed, services)),
      owned(`${src}/index.ts`, indexFile(computed, services)),
      owned(`${src}/schemas.ts`, schemasFile(computed)),
      ...templateSources("sdk", { recursive: false }).map((s) => owned(`${src}/${s.path}`, s.text)),
      ...services.map((s) => owned(`${src}/services/${s.id}.ts`, render("service.ts", s))),
    ];
    return { target: "sdk", files };
  },
};

interface ServiceView {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly endpoints: readonly EndpointView[];
  readonly usesSegment: boolean;
  /** A call of one of its endpoints, for the examples: one that needs no request when it has one. */
  readonly example: string;
  readonly exampleNeedsRequest: boolean;
  readonly exampleStatus: number | undefined;
}

function serviceView(computed: ComputedModel, service: ComputedService): ServiceView {
  const endpoints = service.publicEndpoints.map((e) => endpointView(computed, e));
  const sample = endpoints.find((e) => e.requestOptional) ?? endpoints[0]!;
  return {
    id: service.id,
    type: typeName(service.id),
    title: service.def.title,
    endpoints,
    usesSegment: endpoints.some((e) => e.usesSegment),
    example: `${sample.name}(${sample.requestOptional ? "" : "request"});`,
    exampleNeedsRequest: !sample.requestOptional,
    exampleStatus: sample.successStatus,
  };
}

/** The service whose example call takes no request, if any, for the examples of the client as a whole. */
function exampleOf(services: readonly ServiceView[]): { readonly call: string; readonly status: number } {
  const service = services.find((s) => !s.exampleNeedsRequest) ?? services[0]!;
  return { call: `${service.id}.${service.example}`, status: service.exampleStatus ?? 200 };
}

function indexFile(computed: ComputedModel, services: readonly ServiceView[]): string {
  const example = exampleOf(services);
  return render("index.ts", {
    title: computed.model.system.title,
    services,
    example: example.call,
    exampleStatus: example.status,
  });
}

/** Named schemas the public endpoints reach, in spec order; `Problem` always (every error answer is one). */
function schemasFile(computed: ComputedModel): string {
  const used = new Set<string>([...computed.routeSchemas, "Problem"]);
  const schemas = computed.model.schemas
    .filter((s) => used.has(s.id))
    .map((s) => ({
      name: s.id,
      doc:
        typeof s.schema.description === "string"
          ? s.schema.description.replace(/\*\//g, "*\\/").replace(/\s+/g, " ")
          : undefined,
      type: schemaToType(s.schema, { ref: (name) => name }),
    }));
  return render("schemas.ts", { schemas });
}

function readme(computed: ComputedModel, services: readonly ServiceView[]): string {
  const model = computed.model;
  const ingress = model.deployment.environments.find((env) => env.ingress)?.ingress;
  const gatewayUrl = ingress
    ? `${ingress.tls ? "https" : "http"}://${ingress.host}`
    : `http://localhost:${model.gateway!.port}`;
  return render("README.md", {
    packageName: sdkPackageName(model.system.name),
    title: model.system.title,
    gatewayTitle: model.gateway!.title,
    baseUrl: gatewayUrl,
    example: exampleOf(services).call,
    clients: model.clients.map((c) => ({
      id: c.id,
      title: c.title,
      technology: c.technology,
      actor: c.actor ? (computed.actor(c.actor)?.title ?? c.actor) : undefined,
    })),
    endpoints: services.flatMap((s) =>
      s.endpoints.map((e) => ({
        method: e.method,
        path: e.path,
        call: `client.${s.id}.${e.name}`,
        auth: e.authCell,
      })),
    ),
  });
}

function packageJson(computed: ComputedModel): Record<string, unknown> {
  const system = computed.model.system;
  return {
    name: sdkPackageName(system.name),
    version: system.version,
    description: `Typed client of the ${system.title} public API`,
    type: "module",
    sideEffects: false,
    exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
    files: ["dist", "src"],
    scripts: { build: "tsc -p tsconfig.json", typecheck: "tsc -p tsconfig.json --noEmit" },
    devDependencies: { typescript: "^5.9.0" },
  };
}

/** Browser and DOM types only: a Node.js API in the SDK does not compile. */
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "ES2022",
    moduleResolution: "Bundler",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    declaration: true,
    rootDir: "src",
    outDir: "dist",
  },
  include: ["src"],
};

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
