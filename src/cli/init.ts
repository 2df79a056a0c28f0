import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { DEFAULT_SPEC, type Io, PACKAGE_ROOT, UserError } from "./io.js";

export const SCHEMA_PATH = ".archkit/architecture.schema.json";

export interface InitOptions {
  readonly force?: boolean;
  readonly name?: string;
}

/** The example spec, renamed to `name`, with the editor schema line pointing at `schemaRef`. */
export async function exampleSpec(name: string | undefined, schemaRef: string): Promise<string> {
  const { parseDocument } = await import("yaml");
  const text = await readFile(join(PACKAGE_ROOT, DEFAULT_SPEC), "utf8");
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
  const { specJsonSchemaText } = await import("../model/index.js");
  const files = new Map([
    [DEFAULT_SPEC, await exampleSpec(name, `./${SCHEMA_PATH}`)],
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
  io.out(`Created ${join(where, DEFAULT_SPEC)} (system \`${name ?? "shop"}\`) and ${join(where, SCHEMA_PATH)}.`);
  io.out(`Next: edit the spec, then run \`archkit validate${where === "." ? "" : ` ${join(where, DEFAULT_SPEC)}`}\`.`);
  return 0;
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
    .description("create architecture.yaml (the example shop) and its editor schema")
    .option("--name <name>", "system name, kebab-case (default: the directory name)")
    .option("--force", "overwrite existing files")
    .addHelpText("after", "\nExamples:\n  $ archkit init\n  $ archkit init my-shop --name my-shop\n")
    .action(async (dir: string, options: InitOptions) => setExit(await runInit(io, dir, options)));
}
