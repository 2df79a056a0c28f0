import { join } from "node:path";

/** The `.c4builder` settings archkit writes and c4builder's build reads (camelCase, as c4builder stores them). */
export interface C4BuilderConfig {
  readonly projectName?: string;
  readonly homepageName?: string;
  readonly rootFolder?: string;
  readonly distFolder?: string;
  readonly diagramFormat?: string;
  readonly [key: string]: unknown;
}

/** c4builder's build options (its own UPPER_CASE names) from a `.c4builder` file, as c4builder's CLI maps them. */
export function c4builderOptions(config: C4BuilderConfig, c4builderDir: string): Readonly<Record<string, unknown>> {
  return {
    PLANTUML_VERSION: config.plantumlVersion ?? "latest",
    GENERATE_MD: config.generateMD,
    GENERATE_PDF: config.generatePDF,
    GENERATE_WEBSITE: config.generateWEB,
    GENERATE_COMPLETE_MD_FILE: config.generateCompleteMD,
    GENERATE_COMPLETE_PDF_FILE: config.generateCompletePDF,
    GENERATE_LOCAL_IMAGES: config.generateLocalImages,
    EMBED_DIAGRAM: config.embedDiagram,
    ROOT_FOLDER: rootFolder(config),
    DIST_FOLDER: distFolder(config),
    PROJECT_NAME: config.projectName,
    REPO_NAME: config.repoUrl,
    HOMEPAGE_NAME: config.homepageName,
    WEB_THEME: config.webTheme,
    DOCSIFY_TEMPLATE: config.docsifyTemplate,
    INCLUDE_NAVIGATION: config.includeNavigation,
    INCLUDE_BREADCRUMBS: config.includeBreadcrumbs,
    INCLUDE_TABLE_OF_CONTENTS: config.includeTableOfContents,
    INCLUDE_LINK_TO_DIAGRAM: config.includeLinkToDiagram,
    PDF_CSS: config.pdfCss ?? join(c4builderDir, "pdf.css"),
    DIAGRAMS_ON_TOP: config.diagramsOnTop,
    CHARSET: config.charset,
    WEB_PORT: config.webPort,
    HAS_RUN: true,
    PLANTUML_SERVER_URL: config.plantumlServerUrl,
    DIAGRAM_FORMAT: diagramFormat(config),
    MD_FILE_NAME: "README",
    WEB_FILE_NAME: "HOME",
    SUPPORT_SEARCH: config.supportSearch,
    EXCLUDE_OTHER_FILES: config.excludeOtherFiles,
  };
}

export function rootFolder(config: C4BuilderConfig): string {
  return config.rootFolder ?? "src";
}

export function distFolder(config: C4BuilderConfig): string {
  return config.distFolder ?? "site";
}

export function diagramFormat(config: C4BuilderConfig): string {
  return config.diagramFormat ?? "svg";
}

/**
 * The child process that runs c4builder's build in the project copy (its working folder): c4builder
 * reads its folders relative to the working folder and prints progress, so it gets a process of
 * its own. Arguments: the build module, the options file, and the checksums file it reads the
 * last run's diagram checksums from and writes this run's to (in place of the `.c4builder` store).
 */
export const C4BUILDER_CHILD = `
const fs = require("fs");
const [buildModule, optionsFile, checksumsFile] = process.argv.slice(1);
const options = JSON.parse(fs.readFileSync(optionsFile, "utf8"));
const store = new Map([["checksums", JSON.parse(fs.readFileSync(checksumsFile, "utf8"))]]);
const conf = { get: (key) => store.get(key), set: (key, value) => store.set(key, value) };
require(buildModule).build(options, conf).then(
  () => fs.writeFileSync(checksumsFile, JSON.stringify(store.get("checksums") || [])),
  (error) => { console.error((error && error.stack) || String(error)); process.exitCode = 2; },
);
`;
