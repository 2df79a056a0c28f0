import {
  type Block,
  diagramBlock,
  factItems,
  facts,
  file,
  heading,
  item,
  paragraph,
  prose,
  strong,
  tableBlock,
} from "./blocks.js";
import type {
  DecisionView,
  DecisionsView,
  DeploymentView,
  IntegrationView,
  QualityView,
  SecurityView,
} from "./view.js";

export function integrationBlocks(i: IntegrationView): Block[] {
  return [
    ...prose(i.intro),
    ...(i.sync ? [heading(3, "Synchronous integration"), ...prose(i.sync.text), ...tableBlock(i.sync.table)] : []),
    ...(i.async
      ? [
          heading(3, "Asynchronous integration"),
          ...prose(i.async.text),
          ...tableBlock(i.async.table),
          ...diagramBlock(i.async.topology),
        ]
      : []),
    ...(i.externals ? [heading(3, "External systems"), ...tableBlock(i.externals)] : []),
  ];
}

export function securityBlocks(s: SecurityView): Block[] {
  return [
    ...facts(s.facts),
    ...(s.publicEndpoints
      ? [
          heading(3, "Public endpoints"),
          paragraph("Routed by the gateway; the OpenAPI document of the public API is ", file(s.openapi), "."),
          ...tableBlock(s.publicEndpoints),
        ]
      : []),
    ...(s.internalEndpoints
      ? [
          heading(3, "Internal endpoints"),
          paragraph("Reachable only inside the cluster, from the services that declare a call to them."),
          ...tableBlock(s.internalEndpoints),
        ]
      : []),
  ];
}

export function deploymentBlocks(d: DeploymentView): Block[] {
  return [
    ...facts(d.facts),
    ...(d.environments ? [heading(3, "Environments"), ...tableBlock(d.environments)] : []),
    heading(3, "Scaling"),
    ...tableBlock(d.scaling),
    heading(3, "Infrastructure diagram"),
    ...diagramBlock(d.diagram),
  ];
}

export function qualityBlocks(q: QualityView): Block[] {
  return [
    ...q.groups.flatMap((g) => [heading(3, g.title), ...facts(g.facts)]),
    ...(q.slos
      ? [
          heading(3, "Service level objectives"),
          paragraph(
            "Every target the spec sets, and where: `archkit validate` checks flow budgets against them and `archkit sla` measures them.",
          ),
          ...tableBlock(q.slos),
        ]
      : []),
  ];
}

export function decisionsBlocks(d: DecisionsView): Block[] {
  return [...tableBlock(d.index), ...d.records.flatMap(decisionBlocks)];
}

function decisionBlocks(d: DecisionView): Block[] {
  const consequences = [...d.gained.map((g) => `Gained: ${g}`), ...d.costs.map((c) => `Cost: ${c}`)];
  const alternatives = d.alternatives.map((a) => `${a.option}, rejected: ${a.rejectedBecause}`);
  const items = [
    ...factItems(d.facts),
    ...(consequences.length > 0 ? [item([strong("Consequences:")], consequences)] : []),
    ...(alternatives.length > 0 ? [item([strong("Alternatives considered:")], alternatives)] : []),
  ];
  return [
    heading(3, d.heading),
    ...(items.length > 0 ? [{ kind: "list", ordered: false, items } as const] : []),
    paragraph("Full record: ", file(d.file)),
  ];
}
