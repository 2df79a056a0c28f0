import { plantumlLabel } from "../escape.js";
import { type C4Dialect, c4Boundary, c4Element, c4Rel } from "../views/c4-calls.js";
import type { C4View } from "../views/view.js";

/** The 1.0 library has no queue or external-container shapes: a queue is a container, an external container an external system. */
const PLANTUML_C4: C4Dialect = {
  macros: {
    person: "Person",
    system: "System",
    external: "System_Ext",
    externalContainer: "System_Ext",
    container: "Container",
    queue: "Container",
    database: "ContainerDb",
    component: "Component",
  },
  withTechnology: new Set(["container", "queue", "database", "component"]),
  quote,
};

/**
 * A C4 view in C4-PlantUML, using only the macros of the C4 library every PlantUML since 1.2020
 * ships in its standard library (`<C4/...>`), so Debian's PlantUML and c4builder's both draw it.
 */
export function plantumlC4(view: C4View): string {
  const lines = [
    "@startuml",
    `!include <C4/${library(view.level)}>`,
    ...direction(view),
    "",
    `title ${plantumlLabel(view.title)}`,
    "",
  ];
  lines.push(...view.before.map((e) => c4Element(e, "", PLANTUML_C4)));
  lines.push(...c4Boundary(view, "", "  ", PLANTUML_C4));
  lines.push(...view.after.map((e) => c4Element(e, "", PLANTUML_C4)), "");
  lines.push(...view.rels.map((r) => c4Rel(r, PLANTUML_C4)), "", "LAYOUT_WITH_LEGEND()", "@enduml");
  return `${lines.join("\n")}\n`;
}

/** A service's handlers sit side by side; drawn left to right they form a column instead of one very wide row. */
function direction(view: C4View): string[] {
  return view.level === "component" ? ["left to right direction"] : [];
}

const LIBRARIES = {
  context: "C4_Context",
  container: "C4_Container",
  component: "C4_Component",
} as const satisfies Record<C4View["level"], string>;

export function library(level: C4View["level"]): string {
  return LIBRARIES[level];
}

export function quote(text: string): string {
  return `"${plantumlLabel(text)}"`;
}
