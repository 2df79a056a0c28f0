import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/index.js";
import { ROOT } from "./helpers.js";

const SCANNED = ["README.md", "architecture.yaml", "docs", "src", "templates", "examples", "schema", "bin", "scripts"];
const TEXT = /\.(md|ts|js|yaml|yml|hbs|json|rst)$/;

function files(path: string): string[] {
  if (path.includes("node_modules")) return [];
  if (!statSync(path).isDirectory()) return TEXT.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

/** `archkit <word>` where it reads as a command: in backticks, after npx or a `$ ` prompt. */
const COMMAND = /(?:`|npx |\$ )archkit ([a-z][a-z-]*)/g;
/** A line of a fenced code block that starts with `archkit <word>`. */
const SHELL_LINE = /^\s*archkit ([a-z][a-z-]*)/;

/** Every command word a file mentions. */
function mentioned(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const words = [...text.matchAll(COMMAND)].map((m) => m[1]!);
  if (!file.endsWith(".md")) return words;
  let fenced = false;
  for (const line of text.split("\n")) {
    if (line.trimStart().startsWith("```")) fenced = !fenced;
    else if (fenced) words.push(...(SHELL_LINE.exec(line)?.slice(1) ?? []));
  }
  return words;
}

describe("the commands the repository mentions", () => {
  it("are all commands the CLI registers", () => {
    const registered = new Set(
      createProgram(
        { out: () => undefined, err: () => undefined, color: false, cwd: ROOT },
        () => undefined,
      ).commands.map((c) => c.name()),
    );
    expect([...registered].sort()).toEqual([
      "dev",
      "docs",
      "generate",
      "infra",
      "init",
      "migrate",
      "sla",
      "token",
      "validate",
    ]);
    const unknown = SCANNED.flatMap((entry) => files(join(ROOT, entry))).flatMap((file) =>
      mentioned(file)
        .filter((word) => !registered.has(word))
        .map((word) => `${relative(ROOT, file)}: archkit ${word}`),
    );
    expect([...new Set(unknown)]).toEqual([]);
  });

  it("include in the shop's header only commands that exist", () => {
    const header = readFileSync(join(ROOT, "architecture.yaml"), "utf8").split("\n").slice(0, 6).join("\n");
    expect(header).toContain("(validate, generate, dev, docs, infra, sla, token)");
  });
});
