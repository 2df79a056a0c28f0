import { plantumlLabel } from "../escape.js";
import type { C4View, ElementKind, ViewElement, ViewRel } from "../views/view.js";
import { unreachable } from "../../../model/errors.js";

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
  lines.push(...view.before.map((e) => element(e, "")));
  if (view.boundary) {
    const macro = view.boundary.kind === "system" ? "System_Boundary" : "Container_Boundary";
    lines.push(
      `${macro}(${view.boundary.id}, ${quote(view.boundary.label)}) {`,
      ...view.boundary.elements.map((e) => element(e, "  ")),
      "}",
    );
  }
  lines.push(...view.after.map((e) => element(e, "")), "");
  lines.push(...view.rels.map(rel), "", "LAYOUT_WITH_LEGEND()", "@enduml");
  return `${lines.join("\n")}\n`;
}

/** A service's handlers sit side by side; drawn left to right they form a column instead of one very wide row. */
function direction(view: C4View): string[] {
  return view.level === "component" ? ["left to right direction"] : [];
}

export function library(level: C4View["level"]): string {
  switch (level) {
    case "context":
      return "C4_Context";
    case "container":
      return "C4_Container";
    case "component":
      return "C4_Component";
    default: {
      return unreachable(level);
    }
  }
}

export function element(e: ViewElement, indent: string): string {
  const args = [e.id, quote(e.label)];
  if (takesTechnology(e.kind)) args.push(quote(e.technology ?? ""));
  if (e.description !== undefined) args.push(quote(e.description));
  return `${indent}${macro(e.kind)}(${args.join(", ")})`;
}

export function rel(r: ViewRel): string {
  const args = [r.from, r.to, quote(r.label)];
  if (r.technology !== undefined) args.push(quote(r.technology));
  return `Rel(${args.join(", ")})`;
}

/** The 1.0 library has no queue or external-container shapes: a queue is a container, an external container an external system. */
function macro(kind: ElementKind): string {
  switch (kind) {
    case "person":
      return "Person";
    case "system":
      return "System";
    case "external":
    case "externalContainer":
      return "System_Ext";
    case "container":
    case "queue":
      return "Container";
    case "database":
      return "ContainerDb";
    case "component":
      return "Component";
    default: {
      return unreachable(kind);
    }
  }
}

function takesTechnology(kind: ElementKind): boolean {
  return kind === "container" || kind === "queue" || kind === "database" || kind === "component";
}

export function quote(text: string): string {
  return `"${plantumlLabel(text)}"`;
}
