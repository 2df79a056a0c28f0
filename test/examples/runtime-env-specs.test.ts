import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSpec, k8sName, type Model, OPTIONAL_RUNTIME_ENV, urlVariable } from "../../src/model/index.js";
import { MemoryBroker, startService } from "../../src/runtime/index.js";
import { type Manifest, manifests, render, ROOT } from "../generators/infra/helpers.js";

/**
 * For specs other than the shop (the docs fixtures and generated ones), every service is started
 * on the runtime with handlers that only answer, its `env` recorded: what it reads must be what
 * its rendered Deployment gives (less the runtime's optional knobs), and the reverse.
 */
function fixture(name: string): Model {
  const file = join(ROOT, "test/generators/docs/fixtures", name);
  return compileSpec(readFileSync(file, "utf8"), file).model!;
}

const generated = fc.record({
  events: fc.boolean(),
  cache: fc.boolean(),
  store: fc.boolean(),
  callsExternal: fc.boolean(),
  broker: fc.constantFrom("kafka", "rabbitmq"),
});

type Generated = typeof generated extends fc.Arbitrary<infer T> ? T : never;

function generatedSpec(g: Generated): Model {
  const lines = [
    "archkit: 1",
    "system: { name: gen, title: Generated }",
    "gateway: { auth: { kind: jwt, issuedBy: [front] } }",
    "externals: { mailer: { title: Mailer, protocol: smtp, url: 'smtp://mail.example.com' } }",
    "services:",
    "  front:",
    `    stores: [${[g.store ? "frontDb" : "", g.cache ? "cache" : ""].filter(Boolean).join(", ")}]`,
    "    endpoints:",
    `      start: { method: POST, path: /start, public: true, calls: [back.work${g.callsExternal ? ", mailer" : ""}]${g.events ? ", publishes: [Started]" : ""} }`,
    "  back:",
    "    endpoints:",
    "      work: { method: POST, path: /work }",
    ...(g.events
      ? ["    consumes:", "      Started: { deadLetter: true }", "events:", "  Started: { schema: { type: object } }"]
      : []),
    "stores:",
    "  frontDb: { kind: postgres, tables: { runs: { columns: { id: { type: uuid, primaryKey: true } } } } }",
    "  cache: { kind: cache, ttl: 1m }",
    `deployment: { platform: kubernetes, broker: ${g.broker}, environments: { prod: { replicas: 2 } } }`,
  ];
  const result = compileSpec(`${lines.join("\n")}\n`, "generated.yaml");
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join("; "));
  return result.model;
}

/** Every service of the model checked against one render of the environment. */
async function checkServices(model: Model, environment: string): Promise<void> {
  const rendered = manifests(await render(model, environment));
  for (const service of model.services) await checkService(model, rendered, service.id);
}

async function checkService(model: Model, rendered: readonly Manifest[], service: string): Promise<void> {
  const deployment = rendered.find((m) => m.kind === "Deployment" && m.metadata.name === k8sName(service))!;
  const given = new Set((deployment.spec.template.spec.containers[0].env as { name: string }[]).map((e) => e.name));
  const reads = new Set<string>();
  const values: Record<string, string> = { LOG_LEVEL: "silent", PORT: "0", JWT_SECRET: "s".repeat(32) };
  const template = process.env.ARCHKIT_PGLITE_TEMPLATE;
  if (template) values.ARCHKIT_PGLITE_TEMPLATE = template;
  const env = new Proxy(values, {
    get(target, name) {
      if (typeof name === "string") reads.add(name);
      return Reflect.get(target, name);
    },
  });
  const def = model.services.find((s) => s.id === service)!;
  const answer = async () => ({ status: 200 });
  const handlers = Object.fromEntries(def.endpoints.map((e) => [e.name, answer]));
  const consumers = Object.fromEntries(def.consumers.map((c) => [c.handler, async () => undefined]));
  for (const s of model.services) values[urlVariable("service", s.id)] = "http://127.0.0.1:9";
  for (const x of model.externals) values[urlVariable("external", x.id)] = "http://127.0.0.1:9";
  const running = await startService({
    model,
    service,
    handlers,
    consumers,
    env,
    broker: new MemoryBroker(),
    host: "127.0.0.1",
  });
  await running.close();
  const declared = new Set(def.env.map((v) => v.name));
  const unread = [...given].filter((name) => !declared.has(name) && !reads.has(name));
  expect(unread, `given to ${service} but never read`).toEqual([]);
  const missing = [...reads].filter((name) => !given.has(name) && !OPTIONAL_RUNTIME_ENV.includes(name));
  expect(missing, `read by ${service} but not given`).toEqual([]);
}

describe("the environment of every rendered Deployment is what its service reads, beyond the shop", () => {
  it("the library fixture", async () => {
    const model = fixture("library.yaml");
    await checkServices(model, "prod");
  }, 120_000);

  it("generated specs: stores, cache, events, externals and both brokers in every combination drawn", async () => {
    for (const g of fc.sample(generated, { numRuns: 6, seed: 1203 })) {
      await checkServices(generatedSpec(g), "prod");
    }
  }, 180_000);
});
