import { mermaidC4Label } from "../escape.js";
import type { C4View, ElementKind, ViewElement, ViewRel } from "../views/view.js";
import { unreachable } from "../../../model/errors.js";

/** A C4 view as a Mermaid `C4Context`, `C4Container` or `C4Component` diagram. */
export function mermaidC4(view: C4View): string {
  const lines = [diagramKeyword(view.level), `  title ${mermaidC4Label(view.title)}`];
  lines.push(...view.before.map((e) => element(e, "  ")));
  if (view.boundary) {
    const macro = view.boundary.kind === "system" ? "System_Boundary" : "Container_Boundary";
    lines.push(`  ${macro}(${view.boundary.id}, ${quote(view.boundary.label)}) {`);
    lines.push(...view.boundary.elements.map((e) => element(e, "    ")));
    lines.push("  }");
  }
  lines.push(...view.after.map((e) => element(e, "  ")));
  lines.push(...view.rels.map(rel));
  lines.push(layout(view));
  return `${lines.join("\n")}\n`;
}

function diagramKeyword(level: C4View["level"]): string {
  switch (level) {
    case "context":
      return "C4Context";
    case "container":
      return "C4Container";
    case "component":
      return "C4Component";
    default: {
      return unreachable(level);
    }
  }
}

function element(e: ViewElement, indent: string): string {
  const args = [e.id, quote(e.label)];
  if (takesTechnology(e.kind)) args.push(quote(e.technology ?? ""));
  if (e.description !== undefined) args.push(quote(e.description));
  return `${indent}${macro(e.kind)}(${args.join(", ")})`;
}

function rel(r: ViewRel): string {
  const args = [r.from, r.to, quote(r.label)];
  if (r.technology !== undefined) args.push(quote(r.technology));
  return `  Rel(${args.join(", ")})`;
}

/** Mermaid places shapes in rows; four to a row keeps the labels of a row apart. */
function layout(view: C4View): string {
  const shapes = view.level === "context" ? 3 : 4;
  return `  UpdateLayoutConfig($c4ShapeInRow="${shapes}", $c4BoundaryInRow="1")`;
}

function macro(kind: ElementKind): string {
  switch (kind) {
    case "person":
      return "Person";
    case "system":
      return "System";
    case "external":
      return "System_Ext";
    case "container":
      return "Container";
    case "database":
      return "ContainerDb";
    case "queue":
      return "ContainerQueue";
    case "component":
      return "Component";
    case "externalContainer":
      return "Container_Ext";
    default: {
      return unreachable(kind);
    }
  }
}

function takesTechnology(kind: ElementKind): boolean {
  return kind !== "person" && kind !== "system" && kind !== "external";
}

function quote(text: string): string {
  return `"${mermaidC4Label(text)}"`;
}
