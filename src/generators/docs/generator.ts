import type { Model } from "../../model/index.js";
import { generatedHeader, type FileSet, type GeneratedFile, type Generator } from "../fileset.js";
import { adrDocuments } from "./adr.js";
import { asyncapiDocument } from "./asyncapi.js";
import { buildDocument } from "./document/build.js";
import { renderMarkdown } from "./document/markdown.js";
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

/** Every document of the model. Pure: the same model gives the same bytes on every run and machine. */
export function generateDocs(model: Model): FileSet {
  const diagrams = mermaidDiagrams(model);
  const view = buildDocument(model, diagrams);
  const files: GeneratedFile[] = [
    ownedDoc(docsPaths.architecture, renderMarkdown(view)),
    ...diagrams.map((d) => ownedDoc(docsPaths.diagram(d.name), d.source)),
    ...model.services.map((s) => ownedDoc(docsPaths.serviceOpenapi(s.id), toYaml(serviceOpenapi(model, s)))),
    ...(model.gateway && model.services.some((s) => s.endpoints.some((e) => e.public)) ? [ownedDoc(gatewayOpenapiPath(model), toYaml(gatewayOpenapi(model)))] : []),
    ...(model.events.length > 0 ? [ownedDoc(docsPaths.asyncapi, toYaml(asyncapiDocument(model)))] : []),
    ...adrDocuments(model, view.sourceFile).map((d) => ownedDoc(d.path, d.content)),
    ...c4builderProject(model).map((f) => ownedDoc(docsPaths.c4(f.path), f.content)),
  ];
  return { target: "docs", files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

export const docsGenerator: Generator = { target: "docs", generate: generateDocs };
