import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../src/cli/generate.js";
import type { Io } from "../../src/cli/io.js";
import { createProgress } from "../../src/cli/progress.js";
import { archkit, tempDir } from "./helpers.js";

/** Test double of a terminal: records what is written to it. */
class FakeTerminal {
  readonly isTTY: boolean;
  readonly columns = 60;
  readonly written: string[] = [];
  constructor(isTTY = true) {
    this.isTTY = isTTY;
  }
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
  /** What the terminal shows last: the text after the last carriage return. */
  get line(): string {
    return this.written.join("").split("\r").at(-1)!.replace("\x1b[K", "");
  }
}

const ERASE = "\r\x1b[K";

const SPEC = `archkit: 1
system: { name: mini, title: Mini }
services:
  orders:
    endpoints:
      getOrder:
        method: GET
        path: /orders/{orderId}
        request: { params: { orderId: { type: string } } }
        responses: { 200: { type: object } }
`;

function captureIo(cwd: string): Io & { readonly lines: string[] } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), color: false, cwd, lines };
}

describe("the progress line", () => {
  it("stays quiet until the run is slow, then redraws in place at most every interval, and erases itself", () => {
    let time = 0;
    const terminal = new FakeTerminal();
    const progress = createProgress({ stream: terminal, delay: 300, interval: 100, now: () => time });
    progress.step("generating services (1/2 targets)");
    progress.count("writing", 1, 10, "files");
    expect(terminal.written).toEqual([]);
    time = 350;
    progress.count("writing", 2, 10, "files");
    expect(terminal.line).toBe("archkit: writing 2/10 files");
    time = 400;
    progress.count("writing", 3, 10, "files");
    expect(terminal.line).toBe("archkit: writing 2/10 files");
    progress.count("writing", 10, 10, "files");
    expect(terminal.line).toBe("archkit: writing 10/10 files");
    progress.step("generating docs (2/2 targets, 1200 files so far) and a label longer than the terminal is wide");
    expect(terminal.written.at(-1)!.length).toBeLessThanOrEqual(ERASE.length + 59);
    expect(terminal.written.every((w) => w.startsWith(ERASE))).toBe(true);
    progress.clear();
    expect(terminal.written.at(-1)).toBe(ERASE);
    const count = terminal.written.length;
    progress.clear();
    expect(terminal.written.length).toBe(count);
  });

  it("never writes to a stream that is not a terminal", () => {
    const pipe = new FakeTerminal(false);
    const progress = createProgress({ stream: pipe, delay: 0 });
    progress.step("generating services");
    progress.count("writing", 1, 1, "files");
    progress.clear();
    expect(pipe.written).toEqual([]);
  });

  it("shows per-target and per-file counts during archkit generate, and nothing in --check or --dry-run", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "architecture.yaml"), SPEC);
    const terminal = new FakeTerminal();
    const io = captureIo(dir);
    expect(
      await runGenerate(io, undefined, {
        only: "services,infra",
        progress: { stream: terminal, delay: 0, interval: 0 },
      }),
    ).toBe(0);
    const shown = terminal.written.join("");
    expect(shown).toContain("archkit: generating services (1/2 targets)");
    expect(shown).toMatch(/archkit: generating infra \(2\/2 targets, \d+ files so far\)/);
    expect(shown).toMatch(/archkit: comparing (\d+)\/\1 files/);
    expect(shown).toMatch(/archkit: writing (\d+)\/\1 files/);
    expect(shown.endsWith(ERASE)).toBe(true);
    expect(io.lines.join("\n")).not.toMatch(/[\r\x1b]/);

    for (const flag of ["check", "dryRun"] as const) {
      const quiet = new FakeTerminal();
      await runGenerate(captureIo(dir), undefined, {
        only: "services,infra",
        [flag]: true,
        progress: { stream: quiet, delay: 0, interval: 0 },
      });
      expect(quiet.written, flag).toEqual([]);
    }
  });

  it("is absent when stderr is not a terminal (the CLI under a pipe)", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "architecture.yaml"), SPEC);
    const result = await archkit(["generate", "--only", "services"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });
});
