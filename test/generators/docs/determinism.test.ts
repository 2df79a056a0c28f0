import { computeModel } from "../../../src/model/index.js";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile } from "../../../src/model/index.js";
import { generatedHeader } from "../../../src/generators/fileset.js";
import { assertSafePath } from "../../../src/generators/paths.js";
import { docsGenerator, generateDocs } from "../../../src/generators/docs/index.js";
import { docs, model, SPEC_NAMES, SPECS } from "./specs.js";

describe.each(SPEC_NAMES)("the docs of the %s spec", (name) => {
  it("are byte for byte the same on every run", async () => {
    const m = await model(name);
    expect(generateDocs(computeModel(m), { rst: true })).toEqual(generateDocs(computeModel(m), { rst: true }));
  });

  it("do not depend on where the spec lives", async () => {
    const dir = mkdtempSync(join(tmpdir(), "archkit-docs-"));
    try {
      const copy = join(dir, SPECS[name].slice(SPECS[name].lastIndexOf("/") + 1));
      copyFileSync(SPECS[name], copy);
      const moved = await compileFile(copy);
      expect(generateDocs(computeModel(moved.model!), { rst: true })).toEqual(await docs(name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("are owned files under docs/ with safe, sorted, unique paths and the do-not-edit header", async () => {
    const set = await docs(name);
    expect(set.target).toBe("docs");
    const paths = set.files.map((f) => f.path);
    expect(paths).toEqual([...new Set(paths)].sort());
    for (const file of set.files) {
      expect(file.kind).toBe("owned");
      expect(file.path.startsWith("docs/")).toBe(true);
      expect(() => assertSafePath(file.path)).not.toThrow();
      const header = generatedHeader(file.path);
      if (header !== undefined) expect(file.content.split("\n")[0], file.path).toBe(header);
      expect(file.content.endsWith("\n"), file.path).toBe(true);
      expect(file.content, file.path).not.toMatch(/\r|[ \t]+\n/);
    }
  });

  it("leave the model untouched", async () => {
    const m = await model(name);
    const before = JSON.stringify(m);
    docsGenerator.generate(computeModel(m));
    expect(JSON.stringify(m)).toBe(before);
  });
});

describe("the docs generator", () => {
  it("writes reStructuredText only when asked, and the rest the same either way", async () => {
    const m = await model("shop");
    const plain = docsGenerator.generate(computeModel(m)).files;
    const withRst = (await docs("shop")).files;
    expect(plain.map((f) => f.path)).not.toContain("docs/architecture.rst");
    expect(withRst.filter((f) => f.path !== "docs/architecture.rst")).toEqual(plain);
  });
});

describe("what the shop's docs consist of", () => {
  it("the document, every diagram kind, OpenAPI per service and gateway, AsyncAPI, ADRs and the c4builder project", async () => {
    const paths = (await docs("shop")).files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "docs/architecture.md",
        "docs/diagrams/context.mmd",
        "docs/diagrams/containers.mmd",
        "docs/diagrams/components-orders.mmd",
        "docs/diagrams/flow-order-processing.mmd",
        "docs/diagrams/state-order.mmd",
        "docs/diagrams/er-orders-db.mmd",
        "docs/diagrams/events.mmd",
        "docs/diagrams/deployment.mmd",
        "docs/openapi/orders.yaml",
        "docs/openapi/gateway.yaml",
        "docs/asyncapi.yaml",
        "docs/adr/0001-event-driven-architecture-for-order-processing.md",
        "docs/c4/.c4builder",
        "docs/c4/src/context.puml",
        "docs/c4/src/1-Containers/containers.puml",
        "docs/c4/src/2-Flows/Order-Processing/dynamic.puml",
        "docs/c4/src/3-Deployment/deployment.puml",
      ]),
    );
    expect(paths.filter((p) => p.startsWith("docs/diagrams/components-") && !p.endsWith("-overview.mmd"))).toHaveLength(
      5,
    );
    expect(paths.filter((p) => p.startsWith("docs/diagrams/er-"))).toHaveLength(6);
  });
});
