import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, pickPort, rememberedPorts, rememberPorts } from "../../src/dev/ports.js";
import { tempDir } from "../cli/helpers.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function occupy(): Promise<number> {
  const port = await freePort();
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return port;
}

describe("ports of archkit dev", () => {
  it("takes the first wanted port that is free and not handed out, else one the OS picks", async () => {
    const [busy, free] = [await occupy(), await freePort()];
    const taken = new Set<number>();
    expect(await pickPort([busy, free], taken)).toBe(free);
    const other = await pickPort([free], taken);
    expect(other).not.toBe(free);
    expect(other).not.toBe(busy);
    expect(await pickPort([], taken)).not.toBeOneOf([free, other]);
  });

  it("keeps a project's ports under .archkit/, git-ignored, and reads them back", async () => {
    const dir = await tempDir("archkit-ports-");
    const file = join(dir, ".archkit", "dev-ports.json");
    expect(await rememberedPorts(file)).toEqual({ services: {} });
    const plan = { gateway: 40001, simulator: 40002, services: { orders: 40003 } };
    await rememberPorts(dir, file, plan);
    expect(await rememberedPorts(file)).toEqual(plan);
    expect((await readFile(join(dir, ".archkit", ".gitignore"), "utf8")).split("\n")).toContain("dev-ports.json");
    await writeFile(file, '{ "gateway": "x", "services": { "orders": -1, "users": 40004 } }');
    expect(await rememberedPorts(file)).toEqual({
      gateway: undefined,
      simulator: undefined,
      services: { users: 40004 },
    });
    await writeFile(file, "not json");
    expect(await rememberedPorts(file)).toEqual({ services: {} });
  });
});
