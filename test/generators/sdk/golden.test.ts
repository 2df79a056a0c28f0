import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { sdkGenerator } from "../../../src/generators/sdk/index.js";
import { compileFile, compileSpec, computeModel, type Model } from "../../../src/model/index.js";
import { ROOT, tempDir } from "../../cli/helpers.js";
import { NO_GATEWAY, NOTES } from "./specs.js";

const GOLDEN = join(ROOT, "test/generators/sdk/golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function sdkFiles(model: Model): { path: string; content: string }[] {
  return sdkGenerator.generate(computeModel(model)).files.map((f) => ({ path: f.path, content: f.content }));
}

function compiled(text: string): Model {
  const { model, diagnostics } = compileSpec(text, "spec.yaml");
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return model!;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function compare(name: string, model: Model): Promise<void> {
  const files = sdkFiles(model);
  const dir = join(GOLDEN, name);
  if (UPDATE) {
    await rm(dir, { recursive: true, force: true });
    for (const f of files) {
      await mkdir(dirname(join(dir, f.path)), { recursive: true });
      await writeFile(join(dir, f.path), f.content);
    }
  }
  expect(await filesUnder(dir)).toEqual(files.map((f) => f.path).sort());
  for (const f of files)
    expect(f.content, `${name}/${f.path} (UPDATE_GOLDEN=1 refreshes the golden files)`).toBe(
      await readFile(join(dir, f.path), "utf8"),
    );
}

/** tsc over a generated SDK with its own tsconfig: ES2022 and DOM only, no Node.js types. */
function tsc(project: string): Promise<{ code: number; output: string }> {
  const bin = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, "-p", project, "--noEmit"], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
}

async function written(model: Model): Promise<string> {
  const dir = await tempDir("archkit-sdk-");
  for (const f of sdkFiles(model)) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), f.content);
  }
  return join(dir, "sdk");
}

describe("sdk generator golden files", () => {
  it("the shop", async () => {
    const { model } = await compileFile(join(ROOT, "architecture.yaml"));
    await compare("shop", model!);
  });

  it("a small spec: path, query and header parameters, inline schemas, 204, no responses, no rate limit", async () => {
    await compare("notes", compiled(NOTES));
  });
});

describe("sdk generator", () => {
  it("writes only the public endpoints of the routed services", () => {
    const files = sdkFiles(compiled(NOTES));
    expect(files.map((f) => f.path).filter((p) => p.startsWith("sdk/src/services/"))).toEqual([
      "sdk/src/services/notes.ts",
    ]);
    const notes = files.find((f) => f.path === "sdk/src/services/notes.ts")!.content;
    expect(notes).toContain("addNote(request: AddNoteRequest, options?: CallOptions)");
    expect(notes).not.toContain("reindex");
    expect(notes).toContain('path: `/boards/${segment(request.params.boardId, "boardId")}/notes`');
  });

  it("writes nothing for a spec without a gateway and public endpoints", () => {
    expect(sdkGenerator.generate(computeModel(compiled(NO_GATEWAY))).files).toEqual([]);
  });

  it("the generated SDKs type-check against browser types alone (ES2022 and DOM, no Node.js)", async () => {
    const notes = await tsc(await written(compiled(NOTES)));
    expect(notes.output).toBe("");
    const shop = await tsc(join(ROOT, "examples", "shop", "sdk"));
    expect(shop.output).toBe("");
    expect([notes.code, shop.code]).toEqual([0, 0]);
  }, 120_000);

  it("a Node.js API in the SDK does not compile under its tsconfig", async () => {
    const dir = await written(compiled(NOTES));
    await writeFile(
      join(dir, "src", "node-only.ts"),
      'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
    );
    const result = await tsc(dir);
    expect(result.code).toBe(1);
    expect(result.output).toContain("node:fs");
  }, 120_000);
});
