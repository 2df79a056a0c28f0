import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  findBrowser,
  findGraphviz,
  findJava,
  findOnPath,
  loadOptional,
  missingPackage,
  renderExitCode,
  type RenderOutcome,
} from "../../../src/docs-render/index.js";

const dir = mkdtempSync(join(tmpdir(), "archkit-render-tools-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real executable file (a shell script) at `dir/sub/name`, or a plain file when `executable` is false. */
function program(sub: string, name: string, executable = true): string {
  mkdirSync(join(dir, sub), { recursive: true });
  const path = join(dir, sub, name);
  writeFileSync(path, "#!/bin/sh\nexit 0\n");
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

describe("finding the programs the renderers need", () => {
  const bin = join(dir, "bin");
  const other = join(dir, "other");
  const chromium = program("bin", "chromium");
  const java = program("other", "java");
  program("bin", "java", false);
  const chrome = program("chrome", "google-chrome");

  it("searches PATH in order, skipping relative entries, folders and files that are not executable", () => {
    expect(findOnPath("java", { PATH: `relative:${bin}:${other}` })).toBe(java);
    expect(findOnPath("bin", { PATH: dir })).toBeUndefined();
    expect(findOnPath("java", {})).toBeUndefined();
  });

  it("takes the browser from CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH, then PATH", () => {
    expect(findBrowser({ PATH: bin })).toEqual({ kind: "found", path: chromium });
    expect(findBrowser({ PATH: bin, PUPPETEER_EXECUTABLE_PATH: chrome })).toEqual({ kind: "found", path: chrome });
    expect(findBrowser({ PATH: bin, CHROME_PATH: chromium, PUPPETEER_EXECUTABLE_PATH: chrome })).toEqual({
      kind: "found",
      path: chromium,
    });
    expect(findBrowser({ PATH: join(dir, "chrome") })).toEqual({ kind: "found", path: chrome });
  });

  it("says what to install, or which variable is wrong, when no browser is found", () => {
    const none = findBrowser({ PATH: other });
    expect(none.kind).toBe("missing");
    expect(none.kind === "missing" && none.message).toMatch(
      /no Chromium or Chrome found.*apt-get install chromium.*CHROME_PATH/,
    );
    const wrong = findBrowser({ PATH: bin, CHROME_PATH: join(dir, "nowhere") });
    expect(wrong.kind === "missing" && wrong.message).toBe(
      `CHROME_PATH=${join(dir, "nowhere")} is not an executable file; point it at a Chromium or Chrome binary, or unset it to search PATH`,
    );
  });

  it("finds java only on PATH, as node-plantuml starts it, and names the package that provides it", () => {
    expect(findJava({ PATH: `${bin}:${other}` })).toEqual({ kind: "found", path: java });
    const missing = findJava({ PATH: bin });
    expect(missing.kind === "missing" && missing.message).toMatch(
      /no `java` is on PATH; install a Java runtime.*default-jre-headless/,
    );
  });

  it("honours GRAPHVIZ_DOT and rejects one that points nowhere", () => {
    const dot = program("gv", "dot");
    expect(findGraphviz({ GRAPHVIZ_DOT: dot })).toEqual({ kind: "found", path: dot });
    const wrong = findGraphviz({ GRAPHVIZ_DOT: join(dir, "gv", "nodot") });
    expect(wrong.kind === "missing" && wrong.message).toMatch(/^GRAPHVIZ_DOT=.*nodot is not an executable file/);
  });
});

describe("loading an optional package", () => {
  it("reports a package that is not installed with the command that installs it", async () => {
    const loaded = await loadOptional(
      "archkit-no-such-package",
      "npm i -D archkit-no-such-package",
      () => import("archkit-no-such-package" as string),
    );
    expect(loaded).toEqual({
      kind: "missing",
      message: "the archkit-no-such-package package is not installed; run `npm i -D archkit-no-such-package`",
    });
  });

  it("reports a resolve that fails the same way, by package name", async () => {
    const loaded = await loadOptional("@archkit/absent", "npm i -D @archkit/absent", () =>
      createRequire(import.meta.url).resolve("@archkit/absent/build.js"),
    );
    expect(loaded).toEqual({
      kind: "missing",
      message: "the @archkit/absent package is not installed; run `npm i -D @archkit/absent`",
    });
  });

  it("names a missing dependency of the package apart from the package", async () => {
    const loaded = await loadOptional(
      "c4builder",
      "npm i -D c4builder",
      () => import("archkit-missing-peer/sub.js" as string),
    );
    expect(loaded).toEqual({
      kind: "missing",
      message:
        "c4builder needs the archkit-missing-peer package, which is not installed; run `npm i -D archkit-missing-peer`",
    });
  });

  it("loads an installed package and rethrows any other failure", async () => {
    expect((await loadOptional("yaml", "npm i yaml", () => import("yaml"))).kind).toBe("loaded");
    await expect(loadOptional("x", "npm i x", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(missingPackage(new Error("Cannot find package 'x'"))).toBeUndefined();
  });
});

describe("the exit code of a render", () => {
  const done: RenderOutcome = { kind: "done", renderer: "mermaid", summary: "", seconds: 1 };
  const missing: RenderOutcome = { kind: "missing", renderer: "c4builder", message: "" };
  const failed: RenderOutcome = { kind: "failed", renderer: "mermaid", message: "", details: [] };

  it.each([
    [[], 0],
    [[done, done], 0],
    [[done, missing], 1],
    [[missing, failed], 2],
    [[failed, done], 2],
  ] as const)("of %j is %i", (outcomes, code) => {
    expect(renderExitCode(outcomes)).toBe(code);
  });
});
