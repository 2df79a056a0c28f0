import type { ComputedModel } from "../../model/index.js";
import { type FileSet, type GeneratedFile, type Generator, ownedFile } from "../fileset.js";
import { adrDocuments } from "./adr.js";
import { asyncapiDocument } from "./asyncapi.js";
import { buildDocument } from "./document/build.js";
import { documentBlocks } from "./document/layout.js";
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
  return ownedFile(`${DOCS_DIR}/${path}`, content);
}

export interface DocsOptions {
  /** Also write docs/architecture.rst (PlantUML in `.. uml::` blocks) for Sphinx: `archkit docs --format rst`. */
  readonly rst?: boolean;
}

/** Every document of the model. Pure: the same model gives the same bytes on every run and machine. */
export function generateDocs(computed: ComputedModel, options: DocsOptions = {}): FileSet {
  const model = computed.model;
  const diagrams = mermaidDiagrams(computed);
  const view = buildDocument(computed, diagrams, options.rst ? plantumlDiagrams(computed) : new Map());
  const blocks = documentBlocks(view);
  const files: GeneratedFile[] = [
    ownedDoc(docsPaths.architecture, renderMarkdown(blocks)),
    ...(options.rst ? [ownedDoc(docsPaths.architectureRst, renderRst(blocks))] : []),
    ...diagrams.map((d) => ownedDoc(docsPaths.diagram(d.name), d.source)),
    ...computed.services.map((s) => ownedDoc(docsPaths.serviceOpenapi(s.id), toYaml(serviceOpenapi(computed, s)))),
    ...(model.gateway && computed.routedServices.length > 0
      ? [ownedDoc(gatewayOpenapiPath(computed), toYaml(gatewayOpenapi(computed)))]
      : []),
    ...(model.events.length > 0 ? [ownedDoc(docsPaths.asyncapi, toYaml(asyncapiDocument(computed)))] : []),
    ...adrDocuments(model, view.sourceFile).map((d) => ownedDoc(d.path, d.content)),
    ...c4builderProject(computed).map((f) => ownedDoc(docsPaths.c4(f.path), f.content)),
  ];
  return { target: "docs", files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** What `archkit generate --only docs` writes: Markdown, diagrams, OpenAPI, AsyncAPI, ADRs, the c4builder project. */
export const docsGenerator: Generator = { target: "docs", generate: (computed) => generateDocs(computed) };

/** The docs generator with options, e.g. `docsGeneratorWith({ rst: true })` for `archkit docs --format rst`. */
export function docsGeneratorWith(options: DocsOptions): Generator {
  return { target: "docs", generate: (computed) => generateDocs(computed, options) };
}
