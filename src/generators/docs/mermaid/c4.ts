import { mermaidC4Label } from "../escape.js";
import { type C4Dialect, c4Boundary, c4Element, c4Rel } from "../views/c4-calls.js";
import type { C4View } from "../views/view.js";

const MERMAID_C4: C4Dialect = {
  macros: {
    person: "Person",
    system: "System",
    external: "System_Ext",
    container: "Container",
    database: "ContainerDb",
    queue: "ContainerQueue",
    component: "Component",
    externalContainer: "Container_Ext",
  },
  withTechnology: new Set(["container", "database", "queue", "component", "externalContainer"]),
  quote: (text) => `"${mermaidC4Label(text)}"`,
};

/** A C4 view as a Mermaid `C4Context`, `C4Container` or `C4Component` diagram. */
export function mermaidC4(view: C4View): string {
  const lines = [diagramKeyword(view.level), `  title ${mermaidC4Label(view.title)}`];
  lines.push(...view.before.map((e) => c4Element(e, "  ", MERMAID_C4)));
  lines.push(...c4Boundary(view, "  ", "  ", MERMAID_C4));
  lines.push(...view.after.map((e) => c4Element(e, "  ", MERMAID_C4)));
  lines.push(...view.rels.map((r) => `  ${c4Rel(r, MERMAID_C4)}`));
  lines.push(layout(view));
  return `${lines.join("\n")}\n`;
}

const DIAGRAM_KEYWORDS = {
  context: "C4Context",
  container: "C4Container",
  component: "C4Component",
} as const satisfies Record<C4View["level"], string>;

function diagramKeyword(level: C4View["level"]): string {
  return DIAGRAM_KEYWORDS[level];
}

/** Mermaid places shapes in rows; four to a row keeps the labels of a row apart. */
function layout(view: C4View): string {
  const shapes = view.level === "context" ? 3 : 4;
  return `  UpdateLayoutConfig($c4ShapeInRow="${shapes}", $c4BoundaryInRow="1")`;
}
