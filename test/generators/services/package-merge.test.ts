import { describe, expect, it } from "vitest";
import { mergeModuleType, mergePackageJson } from "../../../src/generators/services/package-merge.js";

const WANTED = `${JSON.stringify(
  {
    name: "shop",
    type: "module",
    scripts: { typecheck: "tsc --noEmit", generate: "archkit generate" },
    dependencies: { archkit: "^0.1.0" },
    devDependencies: { typescript: "^5.9.0", tsx: "^4.0.0", "@types/node": "^20.0.0" },
  },
  null,
  2,
)}\n`;

describe("merging the project's package.json", () => {
  it("keeps the user's fields, scripts, dependencies and archkit spec, adds the rest and says so", () => {
    const existing = `${JSON.stringify(
      {
        name: "legacy",
        main: "index.js",
        scripts: { test: "node test.js", typecheck: "tsc -p src" },
        dependencies: { lodash: "4.17.21", archkit: "file:../archkit-0.1.0.tgz" },
        devDependencies: { tsx: "4.1.0" },
      },
      null,
      4,
    )}\n`;
    const { content, notes } = mergePackageJson(existing, WANTED, "package.json");
    const merged = JSON.parse(content) as Record<string, Record<string, string>>;
    expect(merged.name).toBe("legacy");
    expect(merged.type).toBeUndefined();
    expect(merged.scripts).toEqual({ test: "node test.js", typecheck: "tsc -p src", generate: "archkit generate" });
    expect(merged.dependencies).toEqual({ lodash: "4.17.21", archkit: "file:../archkit-0.1.0.tgz" });
    expect(merged.devDependencies).toEqual({ tsx: "4.1.0", typescript: "^5.9.0", "@types/node": "^20.0.0" });
    expect(content).toContain('\n    "name": "legacy"');
    expect(notes[0]).toBe(
      "package.json: added scripts generate (archkit generate); devDependencies typescript (^5.9.0), @types/node (^20.0.0); run `npm install`",
    );
    expect(notes[1]).toContain("services/package.json makes the generated services ES modules");
  });

  it("changes nothing and says nothing once everything is there", () => {
    const once = mergePackageJson('{ "scripts": {} }', WANTED, "package.json").content;
    expect(mergePackageJson(once, WANTED, "package.json")).toEqual({ content: once, notes: [] });
  });

  it("leaves a package.json that is not a JSON object alone, with a note", () => {
    const result = mergePackageJson("{ oops", WANTED, "package.json");
    expect(result.content).toBe("{ oops");
    expect(result.notes).toEqual([expect.stringContaining("package.json is not a JSON object")]);
  });

  it("makes services/ ES modules", () => {
    expect(mergeModuleType('{ "type": "module" }\n', "services/package.json").notes).toEqual([]);
    const set = mergeModuleType('{ "type": "commonjs", "x": 1 }\n', "services/package.json");
    expect(JSON.parse(set.content)).toEqual({ type: "module", x: 1 });
    expect(set.notes).toEqual([
      'services/package.json: set "type" to "module" (the generated services are ES modules)',
    ]);
  });
});
