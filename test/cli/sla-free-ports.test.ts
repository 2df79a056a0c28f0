import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readModelFile } from "../../src/model/index.js";
import { archkit, tempDir } from "./helpers.js";

/** createNote answers at once, so the minimal template's only flow is within budget. */
const HANDLERS = `import { randomUUID } from "node:crypto";
import type { Handlers } from "./generated/index.js";

export const handlers: Handlers = {
  async createNote(req) {
    return { status: 201, body: { id: randomUUID(), author: req.ctx.user?.id ?? "anonymous", text: req.body.text, createdAt: new Date().toISOString() } };
  },
  async getNote(req) {
    return { status: 404 };
  },
};
`;

describe("archkit sla --free-ports", () => {
  it("starts the project on ports the OS picks, none of the model's, loads its flow and passes", async () => {
    const dir = await tempDir("archkit-sla-ports-");
    for (const args of [["init", "--template", "minimal"], ["generate"]]) {
      const step = await archkit(args, dir);
      expect(step.code, step.stderr).toBe(0);
    }
    await writeFile(join(dir, "services", "notes", "src", "handlers.ts"), HANDLERS);
    const result = await archkit(["sla", "--free-ports", "--duration", "1s", "--warmup", "0", "--report", "json"], dir);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const report = JSON.parse(result.stdout) as { pass: boolean; system: string; targets: { name: string }[] };
    expect(report.pass).toBe(true);
    expect(report.targets.map((t) => t.name)).toEqual(["writeNote"]);
    const port = Number(/gateway http:\/\/127\.0\.0\.1:(\d+)\)$/.exec(report.system)?.[1]);
    const model = readModelFile(join(dir, "services", "model.json")).model;
    const own = [model.gateway?.port ?? 3000, ...model.services.map((s) => s.port)];
    expect(port).toBeGreaterThan(0);
    expect(own).not.toContain(port);
  }, 90_000);
});
