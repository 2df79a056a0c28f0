import { ids, type C4View, type ElementKind, type ViewElement, type ViewRel } from "../views/view.js";
import { flowEdge, flowNode, subgraph, type NodeShape } from "./flowchart.js";
import { unreachable } from "../../../model/errors.js";

/**
 * The container view as a layered flowchart. Mermaid's C4 renderer places shapes on a fixed grid
 * and draws arrows straight through them; the flowchart layout keeps a system of this size legible,
 * so this is the diagram the architecture document shows.
 */
export function mermaidContainerFlowchart(view: C4View): string {
  const lines = ["flowchart LR"];
  lines.push(...view.before.map((e) => node(e)));
  if (view.boundary) lines.push(...subgraph(view.boundary.id, view.boundary.label, grouped(view.boundary.elements)));
  lines.push(...view.after.map((e) => node(e)));
  const viaQueue = (r: ViewRel) => r.style === "async" && (r.from === ids.queue() || r.to === ids.queue());
  lines.push(...view.rels.filter((r) => !viaQueue(r)).map(edge), ...queueEdges(view.rels.filter(viaQueue)));
  lines.push(...styles(view));
  return `${lines.join("\n")}\n`;
}

/** Elements of one group together; a group of one is drawn without a frame. */
function grouped(elements: readonly ViewElement[]): string[] {
  const groups = new Map<string, ViewElement[]>();
  for (const e of elements) {
    const key = e.group ?? "";
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()].flatMap(([name, members]) =>
    name === "" || members.length === 1
      ? members.map((e) => node(e))
      : subgraph(
          `g_${name.replace(/\W/g, "_")}`,
          name,
          members.map((e) => node(e)),
        ),
  );
}

function node(e: ViewElement): string {
  const lines = [e.label, e.technology ?? KINDS[e.kind].name].filter((line) => line !== "");
  return flowNode({ id: e.id, shape: KINDS[e.kind].shape, lines });
}

/**
 * Publishing and consuming services both connect to the queue (Kafka consumers poll), so each
 * service gets one dotted arrow towards it; that keeps the queue on a rank below the services.
 */
function queueEdges(rels: readonly ViewRel[]): string[] {
  const queue = ids.queue();
  const roles = new Map<string, Set<string>>();
  for (const r of rels) {
    const [service, role] =
      r.from === queue ? [r.to, "consumes"] : r.to === queue ? [r.from, "publishes"] : [undefined, undefined];
    if (service === undefined) continue;
    roles.set(service, (roles.get(service) ?? new Set()).add(role!));
  }
  return [...roles.entries()].map(([service, set]) =>
    flowEdge(service, queue, [...set].sort().reverse().join(", "), "dotted"),
  );
}

function edge(r: ViewRel): string {
  switch (r.style) {
    case "sync":
    case "uses":
      return flowEdge(r.from, r.to, r.short, "solid");
    case "async":
      return flowEdge(r.from, r.to, r.short, "dotted");
    case "data":
      return flowEdge(r.from, r.to, r.short, "thick");
    default: {
      return unreachable(r.style);
    }
  }
}

function styles(view: C4View): string[] {
  const all = [...view.before, ...(view.boundary?.elements ?? []), ...view.after];
  const classes: Record<string, string> = {
    person: "fill:#08427b,stroke:#052e56,color:#fff",
    internal: "fill:#1168bd,stroke:#0b4884,color:#fff",
    store: "fill:#438dd5,stroke:#2e6295,color:#fff",
    external: "fill:#999999,stroke:#6b6b6b,color:#fff",
  };
  const lines: string[] = [];
  for (const [name, style] of Object.entries(classes)) {
    const members = all.filter((e) => KINDS[e.kind].styleClass === name).map((e) => e.id);
    if (members.length > 0) lines.push(`  classDef ${name} ${style}`, `  class ${members.join(",")} ${name}`);
  }
  return lines;
}

type StyleClass = "person" | "internal" | "store" | "external";

/** How the flowchart draws each kind of element: its style class, node shape, and the line under an element without a technology. */
const KINDS: Readonly<
  Record<ElementKind, { readonly styleClass: StyleClass; readonly shape: NodeShape; readonly name: string }>
> = {
  person: { styleClass: "person", shape: "stadium", name: "Person" },
  system: { styleClass: "internal", shape: "box", name: "" },
  container: { styleClass: "internal", shape: "box", name: "" },
  component: { styleClass: "internal", shape: "box", name: "" },
  database: { styleClass: "store", shape: "database", name: "" },
  queue: { styleClass: "store", shape: "subroutine", name: "" },
  external: { styleClass: "external", shape: "box", name: "External system" },
  externalContainer: { styleClass: "external", shape: "box", name: "External system" },
};
