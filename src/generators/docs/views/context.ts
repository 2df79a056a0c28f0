import type { ComputedModel } from "../../../model/index.js";
import { joinWords } from "../format.js";
import { ids, type C4View, type ViewElement, type ViewRel } from "./view.js";

/** Level 1: the system as one box, its users and the external systems it calls. */
export function contextView(computed: ComputedModel): C4View {
  const model = computed.model;
  const system: ViewElement = {
    kind: "system",
    id: ids.system(),
    label: model.system.title,
    description: model.system.description,
  };
  const people: ViewElement[] = model.actors.map((a) => ({
    kind: "person",
    id: ids.actor(a.id),
    label: a.title,
    description: a.description,
  }));
  const externals: ViewElement[] = model.externals.map((x) => ({
    kind: "external",
    id: ids.external(x.id),
    label: x.title,
    description: x.description,
  }));
  return {
    level: "context",
    title: `System context of ${model.system.title}`,
    before: people,
    after: [system, ...externals],
    rels: [...actorRels(computed), ...externalRels(computed)],
  };
}

function actorRels(computed: ComputedModel): ViewRel[] {
  const model = computed.model;
  return model.actors.map((actor) => {
    const clients = model.clients.filter((c) => c.actor === actor.id).map((c) => c.title);
    const label = clients.length > 0 ? `Uses the ${joinWords(clients)}` : "Uses";
    return {
      from: ids.actor(actor.id),
      to: ids.system(),
      label,
      technology: "HTTPS",
      style: "uses",
      short: "uses",
    } as const;
  });
}

function externalRels(computed: ComputedModel): ViewRel[] {
  return computed.calledExternals.map(
    (x) =>
      ({
        from: ids.system(),
        to: ids.external(x.id),
        label: "Uses",
        technology: x.protocol.toUpperCase(),
        style: "sync",
        short: x.protocol.toUpperCase(),
      }) as const,
  );
}
