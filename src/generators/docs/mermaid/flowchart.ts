import { mermaidLabel } from "../escape.js";

/** Node shapes of Mermaid flowcharts used by the generator. */
export type NodeShape = "box" | "rounded" | "stadium" | "database" | "queue" | "subroutine" | "hexagon";

export interface FlowNode {
  readonly id: string;
  readonly shape: NodeShape;
  /** Lines of the label; the first is the name, the others are set smaller. */
  readonly lines: readonly string[];
}

/** `id["Title<br/><small>detail</small>"]` with every part escaped. */
export function flowNode(node: FlowNode, indent = "  "): string {
  const [first = "", ...rest] = node.lines.map(mermaidLabel);
  const label = [`<b>${first}</b>`, ...rest.map((line) => `<small>${line}</small>`)].join("<br/>");
  const [open, close] = BRACKETS[node.shape];
  return `${indent}${node.id}${open}"${label}"${close}`;
}

export type EdgeStyle = "solid" | "dotted" | "thick";

/** `a -->|"label"| b`; an empty label draws a bare arrow. */
export function flowEdge(from: string, to: string, label: string, style: EdgeStyle = "solid", indent = "  "): string {
  const arrow = style === "solid" ? "-->" : style === "dotted" ? "-.->" : "==>";
  return label === "" ? `${indent}${from} ${arrow} ${to}` : `${indent}${from} ${arrow}|"${mermaidLabel(label)}"| ${to}`;
}

/** A subgraph with its lines indented inside. */
export function subgraph(id: string, title: string, body: readonly string[], indent = "  "): string[] {
  return [`${indent}subgraph ${id}["${mermaidLabel(title)}"]`, ...body.map((line) => `  ${line}`), `${indent}end`];
}

/** Mermaid's opening and closing bracket of each node shape. */
const BRACKETS: Readonly<Record<NodeShape, readonly [string, string]>> = {
  box: ["[", "]"],
  rounded: ["(", ")"],
  stadium: ["([", "])"],
  database: ["[(", ")]"],
  queue: ["[/", "/]"],
  subroutine: ["[[", "]]"],
  hexagon: ["{{", "}}"],
};
