import { rm } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { sinkLogger, type LogSink } from "./logs.js";
import { isArchkitError } from "../model/errors.js";
import { ServiceStartError, type ServiceProcess } from "./child.js";
import { DevProjectError, serviceFiles, type DevProject } from "./project.js";
import { RUNTIME_ENV } from "../model/naming.js";

type StartFunction = (
  handlers: unknown,
  options: Record<string, unknown>,
) => Promise<{ readonly url: string; close(): Promise<void> }>;

/**
 * Starts a service of the project inside this process (`archkit dev --single`) from its
 * compiled handlers and generated start function (`bundleModule`, a new file for every compile,
 * so a restart picks up edited handlers; removed once imported). Events go through the dev
 * broker (`ARCHKIT_BROKER_URL`), as with processes.
 */
export async function startInProcess(
  project: DevProject,
  id: string,
  bundle: string,
  port: number,
  env: Readonly<Record<string, string | undefined>>,
  log: LogSink,
): Promise<ServiceProcess> {
  const files = serviceFiles(project, id);
  const loaded = (await import(pathToFileURL(bundle).href)) as {
    generated: Record<string, unknown>;
    handlers: unknown;
  };
  await rm(bundle, { force: true });
  const start = Object.entries(loaded.generated).find(
    ([name, value]) => name.startsWith("start") && typeof value === "function",
  )?.[1] as StartFunction | undefined;
  if (!start) throw new DevProjectError(`${files.start} exports no start function; run \`archkit generate\``);
  if (loaded.handlers === undefined) throw new DevProjectError(`${files.handlers} does not export \`handlers\``);
  const logger = sinkLogger(id, env[RUNTIME_ENV.logLevel] ?? "info", log);
  const running = await start(loaded.handlers, { env, port, logger }).catch((error: unknown) => {
    if (isArchkitError(error) || (error as NodeJS.ErrnoException).syscall !== undefined) throw error;
    throw new ServiceStartError(`service ${id} failed to start: ${(error as Error).message}`, { cause: error });
  });
  return {
    id,
    url: running.url,
    pid: process.pid,
    stop: async () => {
      await running.close();
      return 0;
    },
    kill: () => undefined,
  };
}
