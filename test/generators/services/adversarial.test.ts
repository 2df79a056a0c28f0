import { execFile } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { servicesGenerator } from "../../../src/generators/services/index.js";
import { compileSpec, computeModel } from "../../../src/model/index.js";
import { ROOT, tempDir } from "../../cli/helpers.js";

const run = promisify(execFile);

/**
 * Specs built from small pools of names that collide on purpose once PascalCased and suffixed:
 * endpoint `placeOrder` makes `PlaceOrderBody`, which is also a schema name; an event `Order`
 * with an inline payload makes `OrderPayload`; a state machine `Order` makes `OrderState`. Every
 * spec that validates must generate services that type-check; every other must be refused with a
 * diagnostic, never a crash.
 */
const SERVICES = ["orders", "order", "billing"] as const;
const ENDPOINTS = ["placeOrder", "place", "get", "order", "orderState", "list", "create"] as const;
const SCHEMAS = [
  "PlaceOrderBody",
  "Order",
  "OrderPayload",
  "OrderState",
  "GetResponse",
  "Record",
  "Place",
  "Item",
  "Note",
] as const;
const EVENTS = ["Order", "Placed", "PlaceOrder"] as const;

const endpoint = fc.record({
  name: fc.constantFrom(...ENDPOINTS),
  body: fc.option(fc.constantFrom(...SCHEMAS), { nil: undefined }),
  response: fc.option(fc.constantFrom(...SCHEMAS), { nil: undefined }),
  publishes: fc.option(fc.constantFrom(...EVENTS), { nil: undefined }),
});
const service = fc.record({
  name: fc.constantFrom(...SERVICES),
  endpoints: fc.uniqueArray(endpoint, { minLength: 1, maxLength: 3, selector: (e) => e.name }),
  consumes: fc.uniqueArray(fc.constantFrom(...EVENTS), { maxLength: 2 }),
  machine: fc.boolean(),
});
const spec = fc.record({
  services: fc.uniqueArray(service, { minLength: 1, maxLength: 3, selector: (s) => s.name }),
  inlineEvents: fc.uniqueArray(fc.constantFrom(...EVENTS), { maxLength: 3 }),
});

type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function specText(s: Spec): string {
  const lines = ["archkit: 1", "system: { name: adversary, title: Adversary }", "services:"];
  for (const svc of s.services) {
    lines.push(`  ${svc.name}:`, "    endpoints:");
    svc.endpoints.forEach((e, i) => {
      const request = e.body ? `, request: { body: ${e.body} }` : "";
      const responses = `, responses: { 200: ${e.response ?? "~"} }`;
      const publishes = e.publishes ? `, publishes: [${e.publishes}]` : "";
      lines.push(`      ${e.name}: { method: POST, path: /${svc.name}/${i}${request}${responses}${publishes} }`);
    });
    if (svc.consumes.length > 0) {
      lines.push("    consumes:");
      for (const event of svc.consumes) lines.push(`      ${event}: { deadLetter: true }`);
    }
    if (svc.machine) lines.push("    stateMachines: [Order]");
  }
  const events = [
    ...new Set(s.services.flatMap((svc) => [...svc.consumes, ...svc.endpoints.flatMap((e) => e.publishes ?? [])])),
  ];
  if (events.length > 0) {
    lines.push("events:");
    for (const event of events) {
      const schema = s.inlineEvents.includes(event)
        ? "{ type: object, properties: { id: { type: string } } }"
        : "Order";
      lines.push(`  ${event}: { schema: ${schema} }`);
    }
  }
  lines.push("schemas:");
  for (const name of SCHEMAS) lines.push(`  ${name}: { type: object, properties: { id: { type: string } } }`);
  if (s.services.some((svc) => svc.machine)) {
    lines.push("stateMachines:", "  Order:", "    initial: created", "    states: [created, paid]");
    lines.push("    transitions: [{ from: created, to: paid, on: pay }]");
  }
  return `${lines.join("\n")}\n`;
}

describe("generated services of adversarial specs", () => {
  it("type-check whenever the spec validates, and are refused with diagnostics otherwise", async () => {
    const samples = fc.sample(spec, { numRuns: 60, seed: 20261203 });
    const root = await tempDir();
    const projects: string[] = [];
    const refused: string[] = [];
    for (const [i, sample] of samples.entries()) {
      const text = specText(sample);
      const result = compileSpec(text, `adversary-${i}.yaml`);
      expect(result.diagnostics.map((d) => d.code)).not.toContain("AK199");
      if (!result.ok || !result.model) {
        refused.push(...result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code));
        continue;
      }
      const dir = join(root, `p${i}`);
      for (const file of servicesGenerator("0.0.0").generate(computeModel(result.model)).files) {
        if (file.path.endsWith("package.json") || file.path === "tsconfig.json") continue;
        await mkdir(dirname(join(dir, file.path)), { recursive: true });
        await writeFile(join(dir, file.path), file.content);
      }
      projects.push(`p${i}`);
    }
    expect(projects.length, "some adversarial specs validate").toBeGreaterThan(8);
    expect(refused, "some are refused for their generated names").toContain("AK119");
    await mkdir(join(root, "node_modules"));
    await symlink(ROOT, join(root, "node_modules", "archkit"));
    await symlink(join(ROOT, "node_modules", "@types"), join(root, "node_modules", "@types"));
    await writeFile(join(root, "package.json"), JSON.stringify({ name: "adversary", private: true, type: "module" }));
    const compilerOptions = {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2023"],
      types: ["node"],
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
    };
    const include = projects.map((p) => `${p}/services/*/src/generated`);
    await writeFile(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions, include }));
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    );
    expect(result.stdout.trim()).toBe("");
  }, 180_000);
});
