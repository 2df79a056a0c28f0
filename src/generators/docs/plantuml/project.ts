import type { ComputedModel, Flow, Model, Service } from "../../../model/index.js";
import { mdText, oneLine } from "../escape.js";
import { joinWords } from "../format.js";
import { componentView } from "../views/components.js";
import { containerView } from "../views/containers.js";
import { contextView } from "../views/context.js";
import { walkFlow } from "../views/flow-walk.js";
import { plantumlC4 } from "./c4.js";
import { plantumlDeployment } from "./deployment.js";
import { plantumlDynamic } from "./dynamic.js";

export interface ProjectFile {
  /** Relative to docs/c4/. */
  readonly path: string;
  readonly content: string;
}

/**
 * A c4builder project: `.c4builder` and `src/` with one folder per page, each a `.puml` diagram and
 * a `.md` text. c4builder shows a folder's name as the page title and builds the site into `site/`.
 */
export function c4builderProject(computed: ComputedModel): readonly ProjectFile[] {
  const model = computed.model;
  const files: ProjectFile[] = [
    { path: ".c4builder", content: config(model) },
    { path: "src/context.puml", content: plantumlC4(contextView(computed)) },
    {
      path: "src/context.md",
      content: page(`${model.system.title}: system context`, [
        mdText(model.system.description ?? ""),
        "The system, the people who use it and the external systems it depends on.",
      ]),
    },
    { path: "src/1-Containers/containers.puml", content: plantumlC4(containerView(computed)) },
    {
      path: "src/1-Containers/containers.md",
      content: page("Containers", [
        "Clients, gateway, services, stores and the message queue, and how they communicate.",
      ]),
    },
  ];
  const names = folderNames(model.services.map((s) => ({ id: s.id, title: s.title })));
  for (const s of computed.services) {
    const dir = `src/1-Containers/${names.get(s.id)!}`;
    files.push(
      { path: `${dir}/components.puml`, content: plantumlC4(componentView(computed, s)) },
      { path: `${dir}/components.md`, content: servicePage(s.def) },
    );
  }
  const flows = folderNames(model.flows.map((f) => ({ id: f.id, title: f.title })));
  for (const f of model.flows) {
    const dir = `src/2-Flows/${flows.get(f.id)!}`;
    files.push(
      { path: `${dir}/dynamic.puml`, content: plantumlDynamic(walkFlow(computed, f)) },
      { path: `${dir}/dynamic.md`, content: flowPage(f) },
    );
  }
  files.push({ path: "src/3-Deployment/deployment.puml", content: plantumlDeployment(computed) });
  files.push({ path: "src/3-Deployment/deployment.md", content: page("Deployment", [deploymentText(model)]) });
  return files;
}

function config(model: Model): string {
  const settings = {
    projectName: model.system.title,
    homepageName: "Overview",
    rootFolder: "src",
    distFolder: "site",
    generateMD: true,
    generatePDF: false,
    generateCompleteMD: true,
    generateCompletePDF: false,
    generateWEB: true,
    generateLocalImages: true,
    embedDiagram: false,
    includeNavigation: false,
    includeBreadcrumbs: true,
    includeTableOfContents: true,
    includeLinkToDiagram: false,
    diagramsOnTop: true,
    diagramFormat: "svg",
    charset: "UTF-8",
    plantumlVersion: "latest",
    webPort: "3000",
    repoUrl: "",
    excludeOtherFiles: false,
    hasRun: true,
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** A page: the title is escaped here, paragraphs arrive escaped. */
function page(title: string, paragraphs: readonly string[]): string {
  return `# ${mdText(title)}\n\n${paragraphs.filter((p) => p !== "").join("\n\n")}\n`;
}

function servicePage(service: Service): string {
  const duties = service.responsibilities.map((r) => `- ${mdText(oneLine(r))}`).join("\n");
  const endpoints = service.endpoints
    .map((e) => `- \`${e.method} ${e.path}\` ${e.name}${e.public ? "" : " (internal)"}`)
    .join("\n");
  return page(service.title, [
    mdText(service.description ?? ""),
    duties ? `Responsibilities:\n\n${duties}` : "",
    endpoints ? `Endpoints:\n\n${endpoints}` : "",
  ]);
}

function flowPage(flow: Flow): string {
  const steps = flow.steps
    .map((s, i) =>
      [`${i + 1}. ${mdText(oneLine(s.text))}`, ...s.details.map((d) => `   - ${mdText(oneLine(d))}`)].join("\n"),
    )
    .join("\n");
  return page(flow.title, [
    mdText(flow.description ?? ""),
    steps,
    "Numbers on the arrows give the order of the interactions; `(async)` marks deliveries after the response.",
  ]);
}

function deploymentText(model: Model): string {
  const envs = model.deployment.environments.map((e) => e.name);
  return `Kubernetes namespace \`${model.deployment.namespace}\`${envs.length > 0 ? `, in the ${joinWords(envs)} environments` : ""}.`;
}

/** Folder names from titles (`Order-Service`), falling back to the id where two titles clash. */
function folderNames(items: readonly { id: string; title: string }[]): ReadonlyMap<string, string> {
  const base = items.map((i) => ({
    id: i.id,
    name: i.title.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || i.id,
  }));
  return new Map(
    base.map((b) => [
      b.id,
      base.filter((o) => o.name.toLowerCase() === b.name.toLowerCase()).length > 1 ? b.id : b.name,
    ]),
  );
}
