import { describe, expect, it } from "vitest";
import { markdownFindings, placeholderFindings, rstFindings } from "./placeholders.js";
import { docs, SPEC_NAMES } from "./specs.js";

describe.each(SPEC_NAMES)("no placeholders in the documents of the %s spec", (name) => {
  it("no template text, TODO, TBD or leaked values in any file", async () => {
    for (const file of (await docs(name)).files) expect(placeholderFindings(file.content), file.path).toEqual([]);
  });

  it("no bracketed placeholders and no empty sections in Markdown", async () => {
    for (const file of (await docs(name)).files.filter((f) => f.path.endsWith(".md")))
      expect(markdownFindings(file.content), file.path).toEqual([]);
  });

  it("no empty sections in reStructuredText", async () => {
    for (const file of (await docs(name)).files.filter((f) => f.path.endsWith(".rst")))
      expect(rstFindings(file.content), file.path).toEqual([]);
  });
});

describe("the placeholder checks themselves", () => {
  it("find what the seed templates contain", () => {
    const seed =
      "# [System Name] Architecture\n\n## Purpose\n\n## Scope\n\nThe system follows a [microservices/layered] style. TODO\n\n### Tail\n";
    const problems = [...placeholderFindings(seed), ...markdownFindings(seed)].map((f) => f.problem).sort();
    expect(problems).toEqual([
      "TODO",
      "bracketed placeholder",
      "bracketed placeholder",
      "empty section",
      "empty section",
      "template placeholder",
    ]);
  });

  it("find an empty reStructuredText section", () => {
    const rst = "Title\n=====\n\nText.\n\nEmpty\n-----\n\nNext\n====\n\nMore.\n";
    expect(rstFindings(rst).map((f) => f.text)).toEqual(["Empty"]);
  });

  it("accept links, code and Mermaid", () => {
    const ok =
      '# T\n\nSee [ADR-1](adr/0001-x.md) and `a[0]`.\n\n## D\n\n```mermaid\nflowchart TB\n  a["x"] --> b[y]\n```\n';
    expect(markdownFindings(ok)).toEqual([]);
  });
});
