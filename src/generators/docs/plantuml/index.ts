import { type ComputedModel, kebabCase } from "../../../model/index.js";
import { componentView } from "../views/components.js";
import { containerView } from "../views/containers.js";
import { contextView } from "../views/context.js";
import { walkFlow } from "../views/flow-walk.js";
import { plantumlC4 } from "./c4.js";
import { plantumlDeployment } from "./deployment.js";
import { plantumlEr } from "./er.js";
import { plantumlSequence } from "./sequence.js";
import { plantumlState } from "./state.js";
import { plantumlTopology } from "./topology.js";

/** PlantUML for every diagram the document shows, keyed by the name of its Mermaid counterpart. */
export function plantumlDiagrams(computed: ComputedModel): ReadonlyMap<string, string> {
  const model = computed.model;
  const entries: [string, string][] = [
    ["context", plantumlC4(contextView(computed))],
    ["containers-overview", plantumlC4(containerView(computed))],
    ...computed.services.map((s): [string, string] => [
      `components-${kebabCase(s.id)}-overview`,
      plantumlC4(componentView(computed, s)),
    ]),
    ...model.flows.map((f): [string, string] => [`flow-${kebabCase(f.id)}`, plantumlSequence(walkFlow(computed, f))]),
    ...model.stateMachines.map((m): [string, string] => [`state-${kebabCase(m.id)}`, plantumlState(m)]),
    ...model.stores.flatMap((s): [string, string][] =>
      s.kind === "postgres" && s.tables.length > 0 ? [[`er-${kebabCase(s.id)}`, plantumlEr(s)]] : [],
    ),
    ...(model.events.length > 0 ? [["events", plantumlTopology(computed)] as [string, string]] : []),
    ["deployment", plantumlDeployment(computed)],
  ];
  return new Map(entries);
}
