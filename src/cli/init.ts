import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { DEFAULT_SPEC, type Io, PACKAGE_ROOT, UserError } from "./io.js";

export const SCHEMA_PATH = ".archkit/architecture.schema.json";

/** What `init --template` offers: the spec a new project starts from. */
export const INIT_TEMPLATES = {
  /** The example online shop: five services, a gateway, stores, ten events, two flows, ADRs. */
  shop: DEFAULT_SPEC,
  /** Two services behind a gateway, one event between them, one PostgreSQL store. */
  minimal: "templates/init/minimal.yaml",
} as const;

export type InitTemplate = keyof typeof INIT_TEMPLATES;

export interface InitOptions {
  readonly force?: boolean;
  readonly name?: string;
  /** Default `shop`. */
  readonly template?: string;
}

/**
 * A template's spec, renamed to `name`, with the editor schema line pointing at `schemaRef`.
 *
 * @example
 * await exampleSpec("notes", "./.archkit/architecture.schema.json", "minimal")
 */
export async function exampleSpec(
  name: string | undefined,
  schemaRef: string,
  template: InitTemplate = "shop",
): Promise<string> {
  const { parseDocument } = await import("yaml");
  const text = await readFile(join(PACKAGE_ROOT, INIT_TEMPLATES[template]), "utf8");
  const body = text.replace(/^# yaml-language-server: \$schema=.*\n/, "");
  const doc = parseDocument(body);
  if (name !== undefined) doc.setIn(["system", "name"], name);
  return `# yaml-language-server: $schema=${schemaRef}\n${doc.toString({ lineWidth: 0 })}`;
}

/** Write a new project: architecture.yaml and the editor schema. Refuses to overwrite without `force`. */
export async function runInit(io: Io, dir: string | undefined, options: InitOptions): Promise<number> {
  const root = resolve(io.cwd, dir ?? ".");
  const name = options.name ?? kebabName(basename(root));
  if (options.name !== undefined && !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(options.name)) {
    throw new UserError(
      `--name "${options.name}" is not kebab-case`,
      "use lowercase letters, digits and dashes, e.g. --name online-shop",
    );
  }
  const template = await templateOf(options.template);
  const { specJsonSchemaText } = await import("../model/index.js");
  const files = new Map([
    [DEFAULT_SPEC, await exampleSpec(name, `./${SCHEMA_PATH}`, template)],
    [SCHEMA_PATH, specJsonSchemaText()],
  ]);
  const existing = (
    await Promise.all([...files.keys()].map(async (f) => ((await exists(join(root, f))) ? f : undefined)))
  ).filter((f) => f !== undefined);
  if (existing.length > 0 && !options.force) {
    throw new UserError(
      `${existing.map((f) => relative(io.cwd, join(root, f)) || f).join(", ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written`,
      "pass --force to overwrite",
    );
  }
  for (const [file, content] of files) {
    await mkdir(join(root, file, ".."), { recursive: true });
    await writeFile(join(root, file), content);
  }
  const where = relative(io.cwd, root) || ".";
  io.out(
    `Created ${join(where, DEFAULT_SPEC)} (the ${template} template, system \`${name ?? template}\`) and ${join(where, SCHEMA_PATH)}.`,
  );
  const cd = where === "." ? "" : `cd ${where} && `;
  io.out(`Next: edit the spec, then \`${cd}npx archkit validate\` and \`npx archkit generate\`.`);
  return 0;
}

async function templateOf(name: string | undefined): Promise<InitTemplate> {
  const names = Object.keys(INIT_TEMPLATES) as InitTemplate[];
  if (name === undefined) return "shop";
  if ((names as string[]).includes(name)) return name as InitTemplate;
  const { didYouMean } = await import("../model/index.js");
  throw new UserError(`unknown template "${name}"`, didYouMean(name, names) ?? `templates: ${names.join(", ")}`);
}

function kebabName(dirName: string): string | undefined {
  const candidate = dirName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(candidate) ? candidate : undefined;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export function registerInit(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("init")
    .argument("[dir]", "where to create the project", ".")
    .description("create architecture.yaml (from a template) and its editor schema")
    .option("--template <name>", "minimal (two services, one event, one store) or shop (the example shop)", "shop")
    .option("--name <name>", "system name, kebab-case (default: the directory name)")
    .option("--force", "overwrite existing files")
    .addHelpText("after", "\nExamples:\n  $ archkit init --template minimal\n  $ archkit init my-shop --name my-shop\n")
    .action(async (dir: string, options: InitOptions) => setExit(await runInit(io, dir, options)));
}
