import type { ComputedModel, Model } from "../../../model/index.js";
import { capitalize, count, joinWords, latencyText, number } from "../format.js";
import { serviceTitle } from "../lookup.js";
import { syncEdges } from "../relations.js";
import type { Fact, OverviewView } from "./view.js";

export function documentInfo(model: Model, sourceFile: string): Fact[] {
  const s = model.system;
  return [
    { label: "System", text: `${s.title} (\`${s.name}\`)` },
    { label: "Version", text: s.version },
    { label: "Status", text: capitalize(s.status) },
    ...(s.owner ? [{ label: "Owner", text: s.owner }] : []),
    ...(s.date ? [{ label: "Date", text: s.date }] : []),
    { label: "Source", text: `Generated from \`${sourceFile}\`; change the spec, not this document` },
  ];
}

/** Two or three paragraphs a reader can stop after: what is built, how it talks, what it must achieve. */
export function executiveSummary(computed: ComputedModel): string[] {
  const paragraphs = [shapeSentence(computed)];
  const targets = qualityTargets(computed.model);
  if (targets.length > 0) paragraphs.push(`It is designed for ${joinWords(targets)}.`);
  return paragraphs;
}

function shapeSentence(computed: ComputedModel): string {
  const model = computed.model;
  const style = `${model.system.title} follows ${article(styleName(model.system.style))} architecture`;
  const services = `${count(model.services.length, "service")}${model.gateway ? ` behind ${article(model.gateway.title)}` : ""}`;
  const parts = [
    ...(model.stores.length > 0 ? [count(model.stores.length, "data store")] : []),
    ...(computed.usesEvents ? [`${count(model.events.length, "domain event")} exchanged through a message queue`] : []),
    ...(model.externals.length > 0 ? [`${count(model.externals.length, "external system")} it integrates with`] : []),
  ];
  const sentences = [`${style}: ${services}${parts.length > 0 ? `, with ${joinWords(parts)}` : ""}.`];
  if (model.actors.length > 0) {
    const clients =
      model.clients.length > 0 ? `, working through ${count(model.clients.length, "client application")}` : "";
    sentences.push(`Its users: ${joinWords(model.actors.map((a) => a.title))}${clients}.`);
  }
  const sync = syncEdges(computed).filter((e) => e.to.kind === "service").length;
  if (sync > 0)
    sentences.push(
      `Services call each other synchronously on ${count(sync, "path")}; everything else that crosses a service boundary is an event.`,
    );
  return sentences.join(" ");
}

function qualityTargets(model: Model): string[] {
  const q = model.quality;
  const targets: string[] = [];
  const latency = latencyText(q.latency);
  if (latency) targets.push(`response times of ${latency}`);
  if (q.throughputRps !== undefined) targets.push(`${number(q.throughputRps)} requests per second`);
  if (q.availability) targets.push(`${q.availability.target}% availability`);
  if (q.scalability.concurrentUsers !== undefined)
    targets.push(`${number(q.scalability.concurrentUsers)} concurrent users`);
  return targets;
}

export function keyDecisions(model: Model): string[] {
  return model.decisions.map((d) => `${d.id}: ${d.title} (${d.status})`);
}

export function overview(computed: ComputedModel, sourceFile: string): OverviewView {
  const model = computed.model;
  const s = model.system;
  return {
    purpose: s.purpose ?? s.description,
    scope: s.scope ?? defaultScope(computed, sourceFile),
    requirements: [
      ...(s.requirements.functional.length > 0
        ? [{ label: "Functional", text: "", items: s.requirements.functional }]
        : []),
      ...(s.requirements.nonFunctional.length > 0
        ? [{ label: "Non-functional", text: "", items: s.requirements.nonFunctional }]
        : []),
    ],
    users: model.actors.map((a) => {
      const clients = model.clients.filter((c) => c.actor === a.id).map((c) => c.title);
      const uses = clients.length > 0 ? `Uses the ${joinWords(clients)}.` : "";
      return { label: a.title, text: [a.description, uses].filter((t) => t).join(" ") };
    }),
    externals: model.externals.map((x) => {
      const by = [...new Set(computed.callersOfExternal(x.id).map((c) => serviceTitle(computed, c.service)))];
      const called = by.length > 0 ? `Called by the ${joinWords(by)}.` : "Declared but not called by any service.";
      return {
        label: x.title,
        text: `${x.protocol.toUpperCase()}. ${[x.description, called].filter((t) => t).join(" ")}`,
      };
    }),
    constraints: s.constraints.map((c) => (c.kind ? `${capitalize(c.kind)}: ${c.text}` : c.text)),
  };
}

function defaultScope(computed: ComputedModel, sourceFile: string): string {
  const model = computed.model;
  const parts = [
    ...(model.gateway ? [`the ${model.gateway.title}`] : []),
    count(model.services.length, "service"),
    ...(model.stores.length > 0 ? [`their ${count(model.stores.length, "data store")}`] : []),
    ...(computed.usesEvents ? ["the message queue"] : []),
  ];
  const externals =
    model.externals.length > 0
      ? `, and how they integrate with ${count(model.externals.length, "external system")}`
      : "";
  return `This document covers ${model.system.title} as declared in \`${sourceFile}\` version ${model.system.version}: ${joinWords(parts)}${externals}.`;
}

const STYLE_NAMES = {
  microservices: "microservices",
  layered: "layered",
  "event-driven": "event-driven",
  "modular-monolith": "modular monolith",
} as const satisfies Record<Model["system"]["style"], string>;

export function styleName(style: Model["system"]["style"]): string {
  return STYLE_NAMES[style];
}

/** `a gateway`, `an API Gateway` */
export function article(noun: string): string {
  return `${/^[aeiou]/i.test(noun) && !/^(u[bcfhjkqrst][aeiou]|eu|one)/i.test(noun) ? "an" : "a"} ${noun}`;
}
