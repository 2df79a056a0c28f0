import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findBrowser, findGraphviz, findJava } from "../../src/docs-render/index.js";
import { skipReason } from "../generators/docs/specs.js";
import { type CliResult, ROOT, STACK_LINE, tempDir } from "./helpers.js";

const BIN = join(ROOT, "bin", "archkit.js");
const SHOP = join(ROOT, "architecture.yaml");
const MINIMAL = join(ROOT, "test", "generators", "docs", "fixtures", "minimal.yaml");

/** The real CLI in `cwd` with `env` in place of the test's own (NO_COLOR set). */
function archkit(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...env, NO_COLOR: "1" }, timeout: 170_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** The environment with no browser, Java or anything else to be found: PATH names a folder that does not exist. */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: "/nonexistent-archkit-path" };
  delete env.CHROME_PATH;
  delete env.PUPPETEER_EXECUTABLE_PATH;
  return env;
}

/** Files under `dir` ending in `ext`, relative to `dir`. */
function filesIn(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(ext))
    .sort();
}

/** A module hook that makes `@mermaid-js/mermaid-cli` look uninstalled to the process it is loaded into. */
const HIDE_MERMAID_CLI = `import { register } from "node:module";
const hook = \`export async function resolve(specifier, context, next) {
  if (specifier === "@mermaid-js/mermaid-cli" || specifier.startsWith("@mermaid-js/mermaid-cli/"))
    throw Object.assign(new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL), { code: "ERR_MODULE_NOT_FOUND" });
  return next(specifier, context);
}\`;
register("data:text/javascript," + encodeURIComponent(hook));
`;

/** What PlantUML draws in place of a diagram it cannot render. */
const PLANTUML_ERRORS = /Syntax Error|Fatal parsing error|Cannot find Graphviz|An error has occure?d|java\.lang\./;

const dirs: string[] = [];
async function workDir(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const missingTool = [findBrowser(process.env), findJava(process.env), findGraphviz(process.env)].find(
  (t) => t.kind === "missing",
);
const skip = skipReason(missingTool?.kind === "missing" ? missingTool.message : undefined);
if (skip) console.warn(`skipped archkit docs --render with the real renderers: ${skip}`);

describe.skipIf(skip !== undefined)(
  `archkit docs --render with mermaid-cli and c4builder${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    it("renders every diagram of the shop and the c4builder site, leaving the generated files as --check expects", {
      timeout: 180_000,
    }, async () => {
      const dir = await workDir();
      const first = await archkit(["docs", SHOP, "--out", ".", "--render"], dir);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      const mmds = filesIn(join(dir, "docs", "diagrams"), ".mmd").filter((f) => !f.includes("/"));
      expect(mmds.length).toBeGreaterThan(20);
      expect(first.stdout).toMatch(
        new RegExp(`^mermaid: ${mmds.length} diagrams in \\d+\\.\\d s → docs/diagrams/svg$`, "m"),
      );
      for (const mmd of mmds) {
        const svg = readFileSync(join(dir, "docs", "diagrams", "svg", mmd.replace(/\.mmd$/, ".svg")), "utf8");
        expect(svg.startsWith("<svg") && !/Syntax error/i.test(svg), `${mmd} rendered`).toBe(true);
      }
      const pumls = filesIn(join(dir, "docs", "c4", "src"), ".puml");
      expect(pumls.length).toBe(10);
      expect(first.stdout).toMatch(/^c4builder: site with 10 diagrams in \d+\.\d s → docs\/c4\/site$/m);
      const site = join(dir, "docs", "c4", "site");
      for (const puml of pumls) {
        const svg = readFileSync(join(site, puml.replace(/\.puml$/, ".svg")), "utf8");
        expect(svg.includes("<svg"), `${puml} has an image`).toBe(true);
        expect(PLANTUML_ERRORS.exec(svg)?.[0], `${puml} renders without a PlantUML error`).toBeUndefined();
      }
      expect(readFileSync(join(site, "HOME.md"), "utf8")).toContain("![diagram](context.svg)");
      expect(existsSync(join(site, "index.html"))).toBe(true);
      expect(existsSync(join(dir, "docs", "c4", "site_bk"))).toBe(false);

      const check = await archkit(["docs", SHOP, "--out", ".", "--check"], dir);
      expect(check.stdout.trim()).toBe("✔ generated files are up to date");
      expect(check.code).toBe(0);

      const image = readFileSync(join(site, "1-Containers", "containers.svg"));
      const again = await archkit(["docs", SHOP, "--out", ".", "--render"], dir);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(
        new RegExp(`^mermaid: ${mmds.length} diagrams \\(${mmds.length} unchanged, reused\\) in `, "m"),
      );
      expect(again.stdout).toMatch(/^c4builder: site with 10 diagrams \(10 unchanged, reused\) in /m);
      expect(readFileSync(join(site, "1-Containers", "containers.svg")).equals(image)).toBe(true);

      execFileSync("git", ["init", "--quiet"], { cwd: dir });
      const untracked = execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], {
        cwd: dir,
        encoding: "utf8",
      });
      expect(untracked).toContain("docs/architecture.md");
      expect(untracked.split("\n").filter((l) => /docs\/(diagrams\/svg|c4\/site)\//.test(l))).toEqual([]);
    });

    it("exits 2 and names each diagram a renderer could not draw, keeping what did render", {
      timeout: 120_000,
    }, async () => {
      const dir = await workDir();
      writeFileSync(join(dir, "architecture.yaml"), readFileSync(MINIMAL));
      expect((await archkit(["docs"], dir)).code).toBe(0);
      writeFileSync(join(dir, "docs", "diagrams", "broken.mmd"), 'flowchart LR\n  a["x"] --> b[(]\n');
      mkdirSync(join(dir, "docs", "c4", "src", "9-Extra"));
      writeFileSync(
        join(dir, "docs", "c4", "src", "9-Extra", "broken.puml"),
        '@startuml\n!include <C4/C4_Container>\nContainer(a, "A"\n@enduml\n',
      );
      const result = await archkit(["docs", "--render"], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^archkit: mermaid: 1 of 7 diagrams did not render \(the others are in docs\/diagrams\/svg\)\n {2}docs\/diagrams\/broken\.mmd: .*Parse error on line 2/m,
      );
      expect(result.stderr).toMatch(
        /^archkit: c4builder: 1 of 5 diagrams did not render\n {2}docs\/c4\/src\/9-Extra\/broken\.puml: PlantUML (syntax|parsing) error at line 3$/m,
      );
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(filesIn(join(dir, "docs", "diagrams", "svg"), ".svg")).toHaveLength(6);
      expect(existsSync(join(dir, "docs", "c4", "site"))).toBe(false);
    });
  },
);

describe("archkit docs --render without the tools it needs", () => {
  it("names the browser and the Java runtime to install, exits 1 and still writes the docs", async () => {
    const dir = await workDir();
    const result = await archkit(["docs", SHOP, "--out", ".", "--render"], dir, bareEnv());
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^58 created, 0 updated, 0 deleted, 0 unchanged in \.$/m);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      "archkit: mermaid: no Chromium or Chrome found (CHROME_PATH and PUPPETEER_EXECUTABLE_PATH are unset and none of chromium, chromium-browser, google-chrome-stable, google-chrome is on PATH); install Chromium (Debian: apt-get install chromium) or set CHROME_PATH to the browser binary",
      "archkit: c4builder: PlantUML needs Java and no `java` is on PATH; install a Java runtime, version 8 or later (Debian: apt-get install default-jre-headless)",
    ]);
    expect(existsSync(join(dir, "docs", "architecture.md"))).toBe(true);
    expect(existsSync(join(dir, "docs", "diagrams", "svg"))).toBe(false);
    expect(existsSync(join(dir, "docs", "c4", "site"))).toBe(false);
  });

  it("without mermaid-cli, says how to install it with no browser download, and where the browser comes from", async () => {
    const dir = await workDir();
    const hide = join(dir, "hide-mermaid-cli.mjs");
    writeFileSync(hide, HIDE_MERMAID_CLI);
    const env = { ...process.env, NODE_OPTIONS: `--import=${hide}` };
    const result = await archkit(["docs", SHOP, "--out", ".", "--render", "mermaid"], dir, env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "archkit: mermaid: the @mermaid-js/mermaid-cli package is not installed; run `PUPPETEER_SKIP_DOWNLOAD=1 npm i -D @mermaid-js/mermaid-cli`; no browser download is needed: archkit draws with the system's Chromium (Debian: apt-get install chromium) or the browser CHROME_PATH names",
    );
  });

  it("says which variable names a browser that is not there, and runs only the renderer asked for", async () => {
    const dir = await workDir();
    const env = { ...bareEnv(), CHROME_PATH: join(dir, "no-chrome") };
    const result = await archkit(["docs", SHOP, "--out", ".", "--render", "mermaid"], dir, env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `archkit: mermaid: CHROME_PATH=${join(dir, "no-chrome")} is not an executable file; point it at a Chromium or Chrome binary, or unset it to search PATH`,
    );
  });

  it("rejects an unknown renderer and --render with --check before writing anything", async () => {
    const dir = await workDir();
    const unknown = await archkit(["docs", SHOP, "--out", ".", "--render", "mermeid"], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('archkit: unknown renderer "mermeid" in --render\nhint: did you mean `mermaid`?\n');
    const spec = await archkit(["docs", "--render", relative(dir, SHOP)], dir);
    expect(spec.stderr).toContain("hint: to name the spec, put it before --render");
    const check = await archkit(["docs", SHOP, "--out", ".", "--render", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("archkit: --render cannot be combined with --check or --dry-run");
    expect(existsSync(join(dir, "docs"))).toBe(false);
  });
});
