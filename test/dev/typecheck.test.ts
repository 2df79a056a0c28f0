import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTypescript, typeChecker } from "../../src/dev/typecheck-program.js";
import { startTypecheck, typecheckLines, type TypecheckResult } from "../../src/dev/typecheck.js";
import { tempDir } from "../cli/helpers.js";

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    types: ["node"],
    strict: true,
  },
  include: ["src"],
};

/** A project of two files: `b.ts` uses what `a.ts` exports. */
async function project(a: string): Promise<string> {
  const dir = await tempDir("archkit-typecheck-");
  await mkdir(join(dir, "src"));
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
  await writeFile(join(dir, "package.json"), '{ "type": "module" }');
  await writeFile(join(dir, "src", "a.ts"), a);
  await writeFile(join(dir, "src", "b.ts"), 'import { port } from "./a.js";\nexport const url: string = `:${port}`;\n');
  return dir;
}

/** Sets the file's modification time apart from the last check's, as a save a moment later would. */
async function save(file: string, text: string): Promise<void> {
  await writeFile(file, text);
  const { utimes } = await import("node:fs/promises");
  const later = new Date(Date.now() + 5_000);
  await utimes(file, later, later);
}

describe("the dev typecheck of a generated project", () => {
  it("finds an error where it is, sees the fix, then an error the edit causes in another file", async () => {
    const dir = await project("export const port: number = process.env.PORT;\n");
    const check = typeChecker(loadTypescript("typescript"), dir);
    expect(check()).toEqual([
      {
        file: join("src", "a.ts"),
        line: 1,
        column: 14,
        code: 2322,
        message:
          "Type 'string | undefined' is not assignable to type 'number'.\n  Type 'undefined' is not assignable to type 'number'.",
      },
    ]);
    await save(join(dir, "src", "a.ts"), 'export const port = Number(process.env.PORT ?? "3000");\n');
    expect(check()).toEqual([]);
    await save(join(dir, "src", "a.ts"), "export const other = 1;\n");
    expect(check().map((e) => [e.file, e.line, e.code])).toEqual([[join("src", "b.ts"), 1, 2305]]);
  });

  it("says so when the project has no tsconfig.json", async () => {
    const dir = await tempDir("archkit-typecheck-");
    expect(typeChecker(loadTypescript("typescript"), dir)()).toEqual([
      { code: 0, message: "the project has no tsconfig.json; run `archkit generate`" },
    ]);
  });

  it("runs beside the caller and reports each finished check with the TypeScript it used", async () => {
    const dir = await project("export const port = 3000;\n");
    const results: TypecheckResult[] = [];
    let resolve: () => void = () => undefined;
    const two = new Promise<void>((r) => (resolve = r));
    const typecheck = startTypecheck(dir, (result) => {
      results.push(result);
      if (results.length === 2) resolve();
    })!;
    typecheck.request();
    typecheck.request();
    expect(typecheck.status().running).toBe(true);
    await two;
    await typecheck.close();
    expect(results.map((r) => (r.kind === "checked" ? r.errors : r.message))).toEqual([[], []]);
    expect(typecheck.status()).toMatchObject({ running: false, typescript: "archkit", last: { kind: "checked" } });
  });
});

describe("typecheck lines in the dev terminal", () => {
  const at = "2026-01-01T00:00:00.000Z";
  const error = {
    file: "services/a/src/handlers.ts",
    line: 3,
    column: 9,
    code: 2322,
    message: "Type 'string' is not assignable to type 'number'.",
  };
  const clean: TypecheckResult = { kind: "checked", errors: [], ms: 1234, at };
  const broken: TypecheckResult = { kind: "checked", errors: [error], ms: 400, at };
  const many: TypecheckResult = {
    kind: "checked",
    errors: Array.from({ length: 23 }, (_, i) => ({ ...error, line: i + 1 })),
    ms: 400,
    at,
  };
  const cases: readonly { name: string; previous?: TypecheckResult; next: TypecheckResult; want: readonly string[] }[] =
    [
      { name: "first check, clean", next: clean, want: ["✔ typecheck: no errors (1.2 s)"] },
      {
        name: "an error",
        previous: clean,
        next: broken,
        want: [
          "✖ typecheck: 1 error (0.4 s)",
          "  services/a/src/handlers.ts:3:9: Type 'string' is not assignable to type 'number'. (TS2322)",
        ],
      },
      { name: "the same error again", previous: broken, next: { ...broken, ms: 90, at: "later" }, want: [] },
      { name: "clean again", previous: broken, next: clean, want: ["✔ typecheck: clean again (1.2 s)"] },
      { name: "still clean", previous: clean, next: clean, want: [] },
      {
        name: "could not run",
        previous: clean,
        next: { kind: "failed", message: "out of memory", at },
        want: ["✖ typecheck could not run: out of memory"],
      },
    ];
  it.each(cases)("$name", ({ previous, next, want }) => expect(typecheckLines(previous, next)).toEqual(want));

  it("shows the first 20 errors and says how many more", () => {
    const lines = typecheckLines(clean, many);
    expect(lines[0]).toBe("✖ typecheck: 23 errors (0.4 s)");
    expect(lines).toHaveLength(22);
    expect(lines[20]).toContain("handlers.ts:20:9:");
    expect(lines[21]).toBe("  … and 3 more (all of them in .archkit/dev.json)");
  });
});
