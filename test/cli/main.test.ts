import { describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/index.js";
import { ROOT } from "./helpers.js";

function capture(outImpl?: (text: string) => void): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: outImpl ?? ((t) => lines.push(t)), err: (t) => errors.push(t), color: false, cwd: ROOT };
}

describe("main", () => {
  it("returns 0 for a valid spec and writes through the given io", async () => {
    const io = capture();
    expect(await main(["node", "archkit", "validate"], io)).toBe(0);
    expect(io.lines.join("\n")).toContain("architecture.yaml is valid");
  });

  it("turns a failure inside archkit into one line and exit code 2", async () => {
    const io = capture(() => {
      throw new Error("disk full\nsecond line");
    });
    expect(await main(["node", "archkit", "validate"], io)).toBe(2);
    expect(io.errors).toEqual([expect.stringMatching(/^archkit: internal error: disk full \(set ARCHKIT_DEBUG=1/)]);
  });

  it("--version prints the package version", async () => {
    const io = capture();
    expect(await main(["node", "archkit", "--version"], io)).toBe(0);
    expect(io.lines).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
  });
});
