import type { C4View, ElementKind, ViewElement, ViewRel } from "./view.js";

/** What a C4 diagram language (Mermaid's C4, C4-PlantUML) names each element and how it quotes text. */
export interface C4Dialect {
  readonly macros: Readonly<Record<ElementKind, string>>;
  /** The kinds whose macro takes a technology argument after the label. */
  readonly withTechnology: ReadonlySet<ElementKind>;
  quote(text: string): string;
}

/** An element as its macro call: `Container(id, "label", "technology", "description")`. */
export function c4Element(e: ViewElement, indent: string, dialect: C4Dialect): string {
  const args = [e.id, dialect.quote(e.label)];
  if (dialect.withTechnology.has(e.kind)) args.push(dialect.quote(e.technology ?? ""));
  if (e.description !== undefined) args.push(dialect.quote(e.description));
  return `${indent}${dialect.macros[e.kind]}(${args.join(", ")})`;
}

/** A relationship as `Rel(from, to, "label", "technology")`. */
export function c4Rel(r: ViewRel, dialect: C4Dialect): string {
  const args = [r.from, r.to, dialect.quote(r.label)];
  if (r.technology !== undefined) args.push(dialect.quote(r.technology));
  return `Rel(${args.join(", ")})`;
}

/** The boundary's opening line, its elements indented one step further, and its closing brace. */
export function c4Boundary(view: C4View, indent: string, step: string, dialect: C4Dialect): string[] {
  if (!view.boundary) return [];
  const macro = view.boundary.kind === "system" ? "System_Boundary" : "Container_Boundary";
  return [
    `${indent}${macro}(${view.boundary.id}, ${dialect.quote(view.boundary.label)}) {`,
    ...view.boundary.elements.map((e) => c4Element(e, indent + step, dialect)),
    `${indent}}`,
  ];
}
