import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { basename, dirname } from "node:path";
import { ignoreLocally } from "./local-files.js";

/** True when nothing listens on the port of 127.0.0.1. */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free right now. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The first of the wanted ports that is free, a port the OS picks otherwise (also when none is
 * wanted). Ports already handed out in this run (`taken`) are never given twice.
 */
export async function pickPort(wanted: readonly number[], taken: Set<number>): Promise<number> {
  for (const port of wanted) {
    if (taken.has(port) || !(await portIsFree(port))) continue;
    taken.add(port);
    return port;
  }
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

/** Where `archkit dev` keeps the ports it chose for a project, to choose them again (git-ignored). */
export const DEV_PORTS_FILE = ".archkit/dev-ports.json";

/** The ports of a running system: the gateway's, the simulator's and each service's. */
export interface PortPlan {
  readonly gateway?: number;
  readonly simulator?: number;
  readonly services: Readonly<Record<string, number>>;
}

/** The ports kept in `file`; none when it is missing or unreadable. */
export async function rememberedPorts(file: string | undefined): Promise<PortPlan> {
  const text = file === undefined ? undefined : await readFile(file, "utf8").catch(() => undefined);
  try {
    const parsed = JSON.parse(text ?? "{}") as Partial<PortPlan>;
    const port = (value: unknown) => (Number.isInteger(value) && (value as number) > 0 ? (value as number) : undefined);
    const services = Object.entries(parsed.services ?? {}).flatMap(([id, value]) =>
      port(value) === undefined ? [] : [[id, value] as const],
    );
    return { gateway: port(parsed.gateway), simulator: port(parsed.simulator), services: Object.fromEntries(services) };
  } catch {
    return { services: {} };
  }
}

/** Keeps `plan` in `file` (under the project's `.archkit/`, which git ignores). */
export async function rememberPorts(projectDir: string, file: string, plan: PortPlan): Promise<void> {
  await ignoreLocally(projectDir, basename(file));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(plan, null, 2)}\n`);
}
