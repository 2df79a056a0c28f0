import { computeModel } from "../../../src/model/index.js";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { servicesGenerator } from "../../../src/generators/services/index.js";
import { compileFile, compileSpec, type Model } from "../../../src/model/index.js";
import { ROOT } from "../../cli/helpers.js";

const GOLDEN = join(ROOT, "test/generators/services/golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const SMALL = `archkit: 1
system: { name: tiny, title: Tiny }
services:
  notes:
    stores: [notesDb]
    endpoints:
      addNote:
        method: POST
        path: /notes
        request: { body: { type: object, required: [text], properties: { text: { type: string, maxLength: 280 }, tags: { type: array, items: { type: string } } } } }
        responses: { 201: Note, 400: Problem }
        publishes: [NoteAdded]
    consumes:
      NoteAdded: { handler: indexNote, deadLetter: true }
events:
  NoteAdded: { schema: { type: object, required: [id], properties: { id: { type: string, format: uuid } } }, key: id }
stores:
  notesDb:
    kind: postgres
    tables:
      notes:
        columns:
          id: { type: uuid, primaryKey: true, default: gen_random_uuid() }
          text: { type: text }
          createdAt: { type: timestamptz, default: now() }
          rank: { type: bigint, nullable: true }
schemas:
  Note: { type: object, required: [id, text], properties: { id: { type: string }, text: { type: string } } }
`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function compare(name: string, model: Model): Promise<void> {
  const files = servicesGenerator("0.1.0")
    .generate(computeModel(model))
    .files.filter((f) => f.path !== "services/model.json")
    .map((f) => ({ path: f.path, content: f.content }));
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

describe("services generator golden files", () => {
  it("the shop", async () => {
    const { model } = await compileFile(join(ROOT, "architecture.yaml"));
    await compare("shop", model!);
  });

  it("a small spec with an inline event payload, a consumer and a table", async () => {
    const { model, diagnostics } = compileSpec(SMALL, "tiny.yaml");
    expect(diagnostics).toEqual([]);
    await compare("tiny", model!);
  });

  it("is byte-deterministic, model.json included", async () => {
    const { model } = await compileFile(join(ROOT, "architecture.yaml"));
    const a = servicesGenerator("0.1.0")
      .generate(computeModel(model!))
      .files.map((f) => f.content);
    const b = servicesGenerator("0.1.0")
      .generate(computeModel((await compileFile(join(ROOT, "architecture.yaml"))).model!))
      .files.map((f) => f.content);
    expect(a).toEqual(b);
  });
});
