import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { docs, skipReason, SPEC_NAMES } from "./specs.js";

/** Debian's plantuml (with Graphviz); its standard library carries the C4 macros the generator includes. */
const PLANTUML = process.env.PLANTUML ?? "/usr/bin/plantuml";
const skip = skipReason(
  existsSync(PLANTUML)
    ? existsSync("/usr/bin/dot")
      ? undefined
      : "no Graphviz dot (apt-get install graphviz)"
    : `no PlantUML at ${PLANTUML} (apt-get install plantuml)`,
);

/** Renders files with PlantUML in one JVM; the combined output is empty and the status 0 when every diagram is valid. */
function render(dir: string, paths: readonly string[]) {
  return spawnSync(PLANTUML, ["-tsvg", "-failfast2", "-nometadata", ...paths.map((p) => join(dir, p))], {
    encoding: "utf8",
    timeout: 170_000,
  });
}

if (skip) console.warn(`skipped PlantUML rendering: ${skip}`);

describe.skipIf(skip !== undefined)(`PlantUML renders every diagram${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it("fails on a syntax error, so a pass means something", () => {
    const dir = mkdtempSync(join(tmpdir(), "archkit-c4-"));
    try {
      writeFileSync(join(dir, "broken.puml"), '@startuml\n!include <C4/C4_Container>\nContainer(a, "A"\n@enduml\n');
      expect(render(dir, ["broken.puml"]).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(SPEC_NAMES)(
    "of the %s spec's c4builder project and architecture.rst, with no syntax error",
    { timeout: 180_000 },
    async (name) => {
      const set = await docs(name);
      const rst = set.files.find((f) => f.path === "docs/architecture.rst")!.content;
      const embedded = umlBlocks(rst).map((content, i) => ({ path: `docs/rst-uml/diagram-${i}.puml`, content }));
      expect(embedded.length).toBe((rst.match(/^\.\. uml::$/gm) ?? []).length);
      const files = [...set.files.filter((f) => f.path.startsWith("docs/c4/")), ...embedded];
      const pumls = files.filter((f) => f.path.endsWith(".puml"));
      expect(pumls.length).toBeGreaterThan(3);
      const dir = mkdtempSync(join(tmpdir(), "archkit-c4-"));
      try {
        for (const f of files) {
          mkdirSync(dirname(join(dir, f.path)), { recursive: true });
          writeFileSync(join(dir, f.path), f.content);
        }
        const result = render(
          dir,
          pumls.map((f) => f.path),
        );
        expect(result.error).toBeUndefined();
        expect(`${result.stdout}${result.stderr}`.trim(), "PlantUML output").toBe("");
        expect(result.status).toBe(0);
        for (const f of pumls) expect(existsSync(join(dir, f.path.replace(/\.puml$/, ".svg"))), f.path).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

/** The PlantUML sources of the `.. uml::` blocks of a reStructuredText document. */
function umlBlocks(rst: string): string[] {
  return [...rst.matchAll(/^\.\. uml::\n\n((?: {3}.*\n|\n)+)/gm)].map(
    (m) =>
      m[1]!
        .split("\n")
        .map((l) => l.slice(3))
        .join("\n")
        .trim() + "\n",
  );
}
