import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { render } from "../../../src/generators/services/templates.js";
import { ROOT } from "../../cli/helpers.js";

const run = promisify(execFile);

describe("the service templates", () => {
  it("render on their own Handlebars instance without HTML escaping", () => {
    expect(render("main.ts", { id: "a<b>&'c'", type: "Orders" })).toContain(
      "console.log(`a<b>&'c' listening on ${running.url}`);",
    );
    expect(render("generated/state-machines.ts", { machines: [] })).toBe("export {};\n");
    expect(Object.keys(Handlebars.helpers)).not.toContain("union");
  });

  it("ship with the package", async () => {
    const templates = (await readdir(join(ROOT, "templates/services"), { recursive: true }))
      .filter((f) => f.endsWith(".hbs"))
      .map((f) => `templates/services/${f}`);
    expect(templates.length).toBeGreaterThanOrEqual(12);
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT });
    const packed = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(packed).toEqual(expect.arrayContaining(templates));
  });
});
