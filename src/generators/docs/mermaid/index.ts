import { type ComputedModel, kebabCase } from "../../../model/index.js";
import { componentView } from "../views/components.js";
import { containerView } from "../views/containers.js";
import { contextView } from "../views/context.js";
import { walkFlow } from "../views/flow-walk.js";
import { mermaidC4 } from "./c4.js";
import { mermaidContainerFlowchart } from "./container-flowchart.js";
import { mermaidDeployment } from "./deployment.js";
import { mermaidEr } from "./er.js";
import { mermaidSequence } from "./sequence.js";
import { mermaidState } from "./state.js";
import { mermaidTopology } from "./topology.js";

/** One Mermaid diagram: `name` is its file name under docs/diagrams/ without `.mmd`. */
export interface MermaidDiagram {
  readonly name: string;
  readonly title: string;
  readonly source: string;
}

/** Every Mermaid diagram of the model, in document order. */
export function mermaidDiagrams(computed: ComputedModel): readonly MermaidDiagram[] {
  const model = computed.model;
  const containers = containerView(computed);
  return [
    { name: "context", title: "System context", source: mermaidC4(contextView(computed)) },
    { name: "containers", title: "Containers (C4)", source: mermaidC4(containers) },
    { name: "containers-overview", title: "Containers", source: mermaidContainerFlowchart(containers) },
    ...computed.services.map((s) => ({
      name: `components-${kebabCase(s.id)}`,
      title: `Components of ${s.def.title} (C4)`,
      source: mermaidC4(componentView(computed, s)),
    })),
    ...computed.services.map((s) => ({
      name: `components-${kebabCase(s.id)}-overview`,
      title: `Components of ${s.def.title}`,
      source: mermaidContainerFlowchart(componentView(computed, s)),
    })),
    ...model.flows.map((f) => ({
      name: `flow-${kebabCase(f.id)}`,
      title: f.title,
      source: mermaidSequence(walkFlow(computed, f)),
    })),
    ...model.stateMachines.map((m) => ({ name: `state-${kebabCase(m.id)}`, title: m.title, source: mermaidState(m) })),
    ...model.stores.flatMap((s) =>
      s.kind === "postgres" && s.tables.length > 0
        ? [{ name: `er-${kebabCase(s.id)}`, title: s.title, source: mermaidEr(s) }]
        : [],
    ),
    ...(model.events.length > 0
      ? [{ name: "events", title: "Event topology", source: mermaidTopology(computed) }]
      : []),
    { name: "deployment", title: "Deployment", source: mermaidDeployment(computed) },
  ];
}
