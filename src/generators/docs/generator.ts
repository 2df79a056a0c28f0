import type { Model } from "../../model/index.js";
import { generatedHeader, type FileSet, type GeneratedFile, type Generator } from "../fileset.js";
import { adrDocuments } from "./adr.js";
import { asyncapiDocument } from "./asyncapi.js";
import { buildDocument } from "./document/build.js";
import { renderMarkdown } from "./document/markdown.js";
import { renderRst } from "./document/rst.js";
import { plantumlDiagrams } from "./plantuml/index.js";
import { mermaidDiagrams } from "./mermaid/index.js";
import { c4builderProject } from "./plantuml/project.js";
import { gatewayOpenapi, serviceOpenapi } from "./openapi/document.js";
import { DOCS_DIR, docsPaths, gatewayOpenapiPath } from "./paths.js";
import { toYaml } from "./yaml.js";

/** A file under docs/, owned by archkit, starting with the "do not edit" line of its type where it has one. */
export function ownedDoc(path: string, content: string): GeneratedFile {
  const full = `${DOCS_DIR}/${path}`;
  const header = generatedHeader(full);
  return { kind: "owned", path: full, content: header === undefined ? content : `${header}\n${content}` };
}

export interface DocsOptions {
  /** Also write docs/architecture.rst (PlantUML in `.. uml::` blocks) for Sphinx: `archkit docs --format rst`. */
  readonly rst?: boolean;
}

/** Every document of the model. Pure: the same model gives the same bytes on every run and machine. */
export function generateDocs(model: Model, options: DocsOptions = {}): FileSet {
  const diagrams = mermaidDiagrams(model);
  const view = buildDocument(model, diagrams, options.rst ? plantumlDiagrams(model) : new Map());
  const files: GeneratedFile[] = [
    ownedDoc(docsPaths.architecture, renderMarkdown(view)),
    ...(options.rst ? [ownedDoc(docsPaths.architectureRst, renderRst(view))] : []),
    ...diagrams.map((d) => ownedDoc(docsPaths.diagram(d.name), d.source)),
    ...model.services.map((s) => ownedDoc(docsPaths.serviceOpenapi(s.id), toYaml(serviceOpenapi(model, s)))),
    ...(model.gateway && model.services.some((s) => s.endpoints.some((e) => e.public))
      ? [ownedDoc(gatewayOpenapiPath(model), toYaml(gatewayOpenapi(model)))]
      : []),
    ...(model.events.length > 0 ? [ownedDoc(docsPaths.asyncapi, toYaml(asyncapiDocument(model)))] : []),
    ...adrDocuments(model, view.sourceFile).map((d) => ownedDoc(d.path, d.content)),
    ...c4builderProject(model).map((f) => ownedDoc(docsPaths.c4(f.path), f.content)),
  ];
  return { target: "docs", files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** What `archkit generate --only docs` writes: Markdown, diagrams, OpenAPI, AsyncAPI, ADRs, the c4builder project. */
export const docsGenerator: Generator = { target: "docs", generate: (computed) => generateDocs(computed.model) };

/** The docs generator with options, e.g. `docsGeneratorWith({ rst: true })` for `archkit docs --format rst`. */
export function docsGeneratorWith(options: DocsOptions): Generator {
  return { target: "docs", generate: (computed) => generateDocs(computed.model, options) };
}
