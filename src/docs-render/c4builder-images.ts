import { readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { diagramFormat, distFolder, type C4BuilderConfig } from "./c4builder-options.js";

/** A diagram of the c4builder project; `path` is relative to its source folder, with `/`. */
export interface Puml {
  readonly path: string;
  readonly content: string;
}

export interface ImageProblem {
  readonly kind: "error" | "graphviz";
  readonly puml: Puml;
  readonly message: string;
}

/** Every `.puml` c4builder builds: it skips files and folders whose name starts with `_`. */
export async function listPumls(srcDir: string, prefix = ""): Promise<readonly Puml[]> {
  const found: Puml[] = [];
  const entries = (await readdir(join(srcDir, prefix), { withFileTypes: true }))
    .filter((e) => !e.name.startsWith("_"))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = prefix === "" ? entry.name : posix.join(prefix, entry.name);
    if (entry.isDirectory()) found.push(...(await listPumls(srcDir, path)));
    else if (entry.name.toLowerCase().endsWith(".puml"))
      found.push({ path, content: await readFile(join(srcDir, path), "utf8") });
  }
  return found;
}

/** What PlantUML writes into the image instead of the diagram when it cannot draw it. */
const ERROR_MARKS: readonly {
  readonly pattern: RegExp;
  readonly kind: ImageProblem["kind"];
  readonly message: string;
}[] = [
  { pattern: /Cannot find Graphviz/, kind: "graphviz", message: "PlantUML did not find Graphviz" },
  { pattern: /Syntax Error\?/, kind: "error", message: "PlantUML syntax error" },
  { pattern: /Fatal parsing error/, kind: "error", message: "PlantUML parsing error" },
  { pattern: /An error has occure?d/, kind: "error", message: "PlantUML error" },
  { pattern: /java\.lang\.[A-Za-z.]*(?:Exception|Error)\b/, kind: "error", message: "PlantUML crashed" },
];

/** The image of each diagram in the built site: missing, empty, or drawn as an error. */
export async function checkImages(
  project: string,
  config: C4BuilderConfig,
  pumls: readonly Puml[],
): Promise<readonly ImageProblem[]> {
  const problems: ImageProblem[] = [];
  for (const puml of pumls) {
    const format = /@startditaa/i.test(puml.content) ? "png" : diagramFormat(config);
    const image = join(project, distFolder(config), puml.path.replace(/\.puml$/i, `.${format}`));
    const text = await readFile(image, "latin1").catch(() => undefined);
    if (text === undefined || text.length === 0) {
      problems.push({
        kind: "error",
        puml,
        message: text === undefined ? "no image was written" : "the image is empty",
      });
      continue;
    }
    const mark = ERROR_MARKS.find((m) => m.pattern.test(text));
    if (mark) problems.push({ kind: mark.kind, puml, message: `${mark.message}${errorLineOf(text)}` });
  }
  return problems;
}

/** PlantUML names the failing line as `(line 3)` in the error image. */
function errorLineOf(text: string): string {
  const line = /\(line (\d+)\)/.exec(text)?.[1];
  return line === undefined ? "" : ` at line ${line}`;
}
