import type { ComputedModel } from "../../../model/index.js";
import { mdAnchor } from "../escape.js";
import type { MermaidDiagram } from "../mermaid/index.js";
import { docsPaths } from "../paths.js";
import { componentDetails, layers } from "./components.js";
import { dataArchitecture } from "./data.js";
import { flowViews, stateMachineViews } from "./flows.js";
import { integration, security } from "./integration.js";
import { crossCutting, deployment } from "./operations.js";
import { documentInfo, executiveSummary, keyDecisions, overview } from "./overview.js";
import { qualityAttributes } from "./quality.js";
import { decisions, glossary, revisions } from "./records.js";
import { architecturalStyle } from "./style.js";
import type { Diagram, DocumentView, Titled } from "./view.js";

/** PlantUML sources by diagram name, for the formats that embed PlantUML instead of Mermaid. */
export type PlantumlSources = ReadonlyMap<string, string>;

/** The whole architecture document as data, in the seeds' section order. */
export function buildDocument(
  computed: ComputedModel,
  mermaid: readonly MermaidDiagram[],
  plantuml: PlantumlSources = new Map(),
): DocumentView {
  const model = computed.model;
  const sourceFile = baseName(model.file);
  const diagrams = new Map<string, Diagram>(
    mermaid.map((d) => [
      d.name,
      { file: docsPaths.diagram(d.name), mermaid: d.source, plantuml: plantuml.get(d.name) },
    ]),
  );
  const view: Omit<DocumentView, "contents"> = {
    title: `${model.system.title} architecture`,
    sourceFile,
    info: documentInfo(model, sourceFile),
    summary: executiveSummary(computed),
    keyDecisions: keyDecisions(model),
    overview: overview(computed, sourceFile),
    principles: model.system.principles,
    style: architecturalStyle(computed),
    highLevel: {
      context: diagrams.get("context")!,
      containers: diagrams.get("containers-overview")!,
      containersC4: docsPaths.diagram("containers"),
      layers: layers(computed),
    },
    components: componentDetails(computed, diagrams),
    data: dataArchitecture(computed, diagrams),
    flows: flowViews(computed, diagrams),
    stateMachines: stateMachineViews(computed, diagrams),
    integration: integration(computed, diagrams.get("events")),
    security: security(computed),
    deployment: deployment(model, diagrams.get("deployment")!),
    crossCutting: crossCutting(computed),
    quality: qualityAttributes(model),
    decisions: decisions(model),
    glossary: glossary(model),
    revisions: revisions(model, sourceFile),
  };
  return { ...view, contents: contents(view) };
}

/** The level-2 sections the document prints, in order, for its table of contents. */
function contents(view: Omit<DocumentView, "contents">): Titled[] {
  const present: [string, boolean][] = [
    ["Executive summary", true],
    ["System overview", true],
    ["Architecture principles", view.principles.length > 0],
    ["Architectural style", view.style !== undefined],
    ["High-level architecture", true],
    ["Component details", true],
    ["Data architecture", view.data !== undefined],
    ["Data flows", view.flows.length > 0],
    ["State machines", view.stateMachines.length > 0],
    ["Integration architecture", view.integration !== undefined],
    ["Security architecture", view.security !== undefined],
    ["Deployment architecture", true],
    ["Cross-cutting concerns", view.crossCutting.length > 0],
    ["Quality attributes", view.quality !== undefined],
    ["Architecture decisions", view.decisions !== undefined],
    ["Glossary", view.glossary !== undefined],
    ["Revision history", true],
  ];
  return present.filter(([, shown]) => shown).map(([title]) => ({ title, anchor: mdAnchor(title) }));
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1) || "architecture.yaml";
}
