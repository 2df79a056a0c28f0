import {
  type Block,
  bullets,
  diagramBlock,
  facts,
  file,
  heading,
  item,
  mermaidOnly,
  numbered,
  paragraph,
  prose,
  strong,
  tableBlock,
} from "./blocks.js";
import {
  decisionsBlocks,
  deploymentBlocks,
  integrationBlocks,
  qualityBlocks,
  securityBlocks,
} from "./layout-sections.js";
import type { ComponentsView, DataView, DocumentView, Fact, FlowView, OverviewView, StateMachineView } from "./view.js";

/** The whole architecture document as blocks, in the seeds' section order; both renderers print these. */
export function documentBlocks(view: DocumentView): Block[] {
  return [
    heading(1, view.title),
    heading(2, "Document information"),
    ...facts(view.info),
    { kind: "contents", entries: view.contents },
    ...summaryBlocks(view),
    ...overviewBlocks(view.overview),
    ...section("Architecture principles", view.principles, (principles) =>
      numbered(principles.map((p) => item([strong(`${p.name}:`), ` ${p.rationale}`]))),
    ),
    ...section("Architectural style", view.style, (style) => [...prose(style.paragraph), ...facts(style.facts)]),
    ...highLevelBlocks(view.highLevel),
    ...componentBlocks(view.components),
    ...section("Data architecture", view.data, dataBlocks),
    ...section("Data flows", view.flows, (flows) => flows.flatMap(flowBlocks)),
    ...section("State machines", view.stateMachines, (machines) => machines.flatMap(stateMachineBlocks)),
    ...section("Integration architecture", view.integration, integrationBlocks),
    ...section("Security architecture", view.security, securityBlocks),
    heading(2, "Deployment architecture"),
    ...deploymentBlocks(view.deployment),
    ...section("Cross-cutting concerns", view.crossCutting, (concerns) =>
      concerns.flatMap((c) => [heading(3, c.title), ...facts(c.facts)]),
    ),
    ...section("Quality attributes", view.quality, qualityBlocks),
    ...section("Architecture decisions", view.decisions, decisionsBlocks),
    ...section("Glossary", view.glossary, (glossary) => tableBlock(glossary)),
    heading(2, "Revision history"),
    ...tableBlock(view.revisions),
  ];
}

/** A level-2 section, printed only when its content is there (defined, and not an empty list). */
export function section<T>(
  title: string,
  content: T | undefined,
  blocks: (content: NonNullable<T>) => Block[],
): Block[] {
  if (content === undefined || content === null || (Array.isArray(content) && content.length === 0)) return [];
  return [heading(2, title), ...blocks(content as NonNullable<T>)];
}

function summaryBlocks(view: DocumentView): Block[] {
  return [
    heading(2, "Executive summary"),
    ...view.summary.flatMap(prose),
    ...(view.keyDecisions.length > 0 ? [paragraph("Key decisions:"), ...bullets(view.keyDecisions)] : []),
  ];
}

function overviewBlocks(o: OverviewView): Block[] {
  const labelled = (label: string, blocks: Block[]) => (blocks.length > 0 ? [paragraph(strong(label)), ...blocks] : []);
  const context = [
    ...labelled("Users", facts(o.users)),
    ...labelled("External systems", facts(o.externals)),
    ...labelled("Constraints", bullets(o.constraints)),
  ];
  return [
    heading(2, "System overview"),
    ...(o.purpose ? [heading(3, "Purpose"), paragraph(o.purpose)] : []),
    heading(3, "Scope"),
    paragraph(o.scope),
    ...(o.requirements.length > 0 ? [heading(3, "Key requirements"), ...facts(o.requirements)] : []),
    ...(context.length > 0 ? [heading(3, "System context"), ...context] : []),
  ];
}

function highLevelBlocks(h: DocumentView["highLevel"]): Block[] {
  return [
    heading(2, "High-level architecture"),
    heading(3, "System context diagram"),
    ...diagramBlock(h.context),
    heading(3, "Container diagram"),
    ...diagramBlock(h.containers),
    paragraph(
      mermaidOnly(
        "The same view in Mermaid's C4 notation: ",
        file(h.containersC4),
        "; the C4-PlantUML model for c4builder is in ",
        file("c4/"),
        ".",
      ),
    ),
    heading(3, "High-level components"),
    ...numbered(h.layers.map((l) => item([strong(l.label)], l.items ?? []))),
  ];
}

/** A titled part of the document: its heading, its description and its facts. */
function described(
  level: 3 | 4,
  part: { readonly title: string; readonly description?: string; readonly facts: readonly Fact[] },
): Block[] {
  return [heading(level, part.title), ...prose(part.description), ...facts(part.facts)];
}

function componentBlocks(c: ComponentsView): Block[] {
  return [
    heading(2, "Component details"),
    ...(c.clients.length > 0 ? [heading(3, "Client applications"), ...c.clients.flatMap((x) => described(4, x))] : []),
    ...(c.gateway ? described(3, c.gateway) : []),
    ...c.services.flatMap((s) => [
      ...described(3, s),
      ...(s.endpoints
        ? [paragraph(strong("Endpoints"), " (OpenAPI: ", file(s.openapi), ")"), ...tableBlock(s.endpoints)]
        : []),
      ...(s.published ? [paragraph(strong("Events published")), ...tableBlock(s.published)] : []),
      ...(s.consumed ? [paragraph(strong("Events consumed")), ...tableBlock(s.consumed)] : []),
      paragraph(strong("Components"), mermaidOnly(" (C4: ", file(s.diagramC4), ")")),
      ...diagramBlock(s.diagram),
    ]),
  ];
}

function dataBlocks(d: DataView): Block[] {
  return [
    ...tableBlock(d.table),
    ...d.stores.flatMap((s) => [
      ...described(3, s),
      ...diagramBlock(s.er),
      ...tableBlock(s.tables),
      ...tableBlock(s.collections),
    ]),
  ];
}

function flowBlocks(f: FlowView): Block[] {
  return [
    ...described(3, f),
    ...numbered(f.steps.map((s) => item([s.text], s.details))),
    ...diagramBlock(f.sequence),
    paragraph(strong("Latency budget of the synchronous chain")),
    ...tableBlock(f.budget),
    ...prose(f.budgetNote),
  ];
}

function stateMachineBlocks(m: StateMachineView): Block[] {
  return [...described(3, m), ...diagramBlock(m.diagram), ...tableBlock(m.transitions)];
}
