import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { docs, fileText, skipReason, SPEC_NAMES } from "./specs.js";

/**
 * docutils parses the document with warnings as errors; `.. uml::` is registered as a plain
 * directive, as sphinxcontrib-plantuml would, so the check covers reStructuredText syntax only.
 */
const CHECK = `
import sys
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives
from docutils import nodes
class Uml(Directive):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    def run(self):
        return [nodes.literal_block("", "\\n".join(self.content))]
directives.register_directive("uml", Uml)
publish_doctree(sys.stdin.read(), settings_overrides={"halt_level": 2, "report_level": 2})
`;

/** Debian's python3-docutils is for /usr/bin/python3; a python3 earlier on PATH may have its own. */
function pythonWithDocutils(): string | undefined {
  return ["/usr/bin/python3", "python3"].find((python) => spawnSync(python, ["-c", "import docutils"]).status === 0);
}

const python = pythonWithDocutils();
const skip = skipReason(python ? undefined : "no Python with docutils (apt-get install python3-docutils)");

if (skip) console.warn(`skipped docutils check: ${skip}`);

describe.skipIf(skip !== undefined)(`docutils accepts architecture.rst${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it.each(SPEC_NAMES)("of the %s spec without a warning", async (name) => {
    const text = fileText(await docs(name), "docs/architecture.rst");
    const result = spawnSync(python ?? "python3", ["-c", CHECK], { input: text, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("architecture.rst", () => {
  it("embeds PlantUML, not Mermaid, for every diagram", async () => {
    const text = fileText(await docs("shop"), "docs/architecture.rst");
    const blocks = text.match(/^\.\. uml::$/gm) ?? [];
    const mermaidBlocks = (fileText(await docs("shop"), "docs/architecture.md").match(/^```mermaid$/gm) ?? []).length;
    expect(blocks.length).toBe(mermaidBlocks);
    expect(text).not.toMatch(/flowchart|sequenceDiagram|C4Container/);
  });
});
