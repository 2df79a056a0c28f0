import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { infraFiles, renderInfra, transpileTemplates, type RenderResult } from "../../../src/generators/infra/index.js";
import type { ProgramFile } from "../../../src/generators/infra/index.js";
import { compileFile, compileSpec, type Model } from "../../../src/model/index.js";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SHOP_SPEC = `${ROOT}architecture.yaml`;

let shop: Promise<Model> | undefined;

/** The example shop's model, compiled once per test file. */
export function shopModel(): Promise<Model> {
  shop ??= compileFile(SHOP_SPEC).then((result) => {
    if (!result.ok || !result.model) throw new Error("the example spec does not compile");
    return result.model;
  });
  return shop;
}

let program: Promise<readonly ProgramFile[]> | undefined;

/** Render one environment of a model under Pulumi's mocks (SDK from archkit's devDependencies). */
export async function render(model: Model, environment: string, stackFile?: string): Promise<RenderResult> {
  program ??= transpileTemplates();
  return renderInfra({ model, environment, infraDir: `${ROOT}no-such-infra`, stackFile, program });
}

/** A rendered object's manifest, as YAML would read it back. */
export type Manifest = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec?: any;
  readonly [key: string]: any;
};

/** The manifests of a render, read back from the YAML files. */
export function manifests(result: RenderResult): Manifest[] {
  return result.files.map((f) => parse(f.content) as Manifest);
}

export function find(all: readonly Manifest[], kind: string, name: string): Manifest {
  const found = all.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found)
    throw new Error(
      `no ${kind} ${name}; have ${all
        .filter((m) => m.kind === kind)
        .map((m) => m.metadata.name)
        .join(", ")}`,
    );
  return found;
}

export function countByKind(all: readonly Manifest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of all) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  return counts;
}

/** The generated infra files of a model, by path. */
export function generatedFiles(model: Model): Map<string, string> {
  return new Map(infraFiles(model).map((f) => [f.path, f.content]));
}

/** A copy of the shop spec with changes, compiled. */
export function variantModel(edit: (text: string) => string): Model {
  const compiled = compileSpec(edit(readFileSync(SHOP_SPEC, "utf8")), "variant.yaml");
  if (!compiled.ok || !compiled.model)
    throw new Error(`variant does not compile: ${compiled.diagnostics.map((d) => d.message).join("; ")}`);
  return compiled.model;
}

/** A one-service spec: no gateway, no stores, no events. */
export const TINY_SPEC = `archkit: 1
system: { name: tiny, title: Tiny, version: 0.1.0 }
services:
  hello:
    title: Hello Service
    endpoints:
      greet: { method: GET, path: /greet, responses: { 200: { type: string } } }
deployment:
  platform: kubernetes
  registry: registry.example.com/tiny
  environments: { dev: { replicas: 1 } }
`;

export function tinyModel(): Model {
  const compiled = compileSpec(TINY_SPEC, "tiny.yaml");
  if (!compiled.ok || !compiled.model)
    throw new Error(`tiny spec does not compile: ${compiled.diagnostics.map((d) => d.message).join("; ")}`);
  return compiled.model;
}

let kafkaShop: Model | undefined;

/** The example shop on Kafka (`deployment.broker: kafka`, the default) instead of its RabbitMQ. */
export function kafkaShopModel(): Model {
  kafkaShop ??= variantModel((text) => {
    const edited = text.replace(/^ {2}broker: rabbitmq\b.*$/m, "  broker: kafka");
    if (edited === text) throw new Error("the example spec no longer says deployment.broker: rabbitmq");
    return edited;
  });
  return kafkaShop;
}
