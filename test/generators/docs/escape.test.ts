import { describe, expect, it } from "vitest";
import {
  mdCell,
  mdCode,
  mdText,
  mermaidC4Label,
  mermaidLabel,
  mermaidMessage,
  plantumlLabel,
  rstCode,
  rstText,
} from "../../../src/generators/docs/escape.js";
import { rstInline } from "../../../src/generators/docs/document/rst.js";

describe("escaping", () => {
  it("Markdown: HTML is shown, table pipes and newlines do not break a row", () => {
    expect(mdText("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
    expect(mdCell("one | two\nthree")).toBe("one \\| two three");
    expect(mdCode("a`b")).toBe("``a`b``");
  });

  it("Mermaid: quotes, #, ; and angle brackets become entity codes in labels", () => {
    expect(mermaidLabel('say "hi"; #1 <b>')).toBe("say #quot;hi#quot;#59; #35;1 #lt;b#gt;");
    expect(mermaidMessage("a; b #c")).toBe("a#59; b #35;c");
    expect(mermaidC4Label('the "x" <y>')).toBe("the 'x' y");
  });

  it("PlantUML: no double quote or line break inside a quoted argument", () => {
    expect(plantumlLabel('a "b"\nc')).toBe("a 'b' c");
  });

  it("reStructuredText: markup characters escaped, code and links converted", () => {
    expect(rstText("a*b_c|d")).toBe("a\\*b\\_c\\|d");
    expect(rstCode("x`y")).toBe("``x'y``");
    expect(rstInline("see `a.b` and [ADR-1](adr/0001-x.md) *now*")).toBe(
      "see ``a.b`` and `ADR-1 <adr/0001-x.md>`__ \\*now\\*",
    );
  });
});
