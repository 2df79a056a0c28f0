import { rm } from "node:fs/promises";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { pino, type Logger } from "pino";
import type { LogSink } from "./logs.js";
import { serviceFiles, type DevProject } from "./project.js";
import { bundleModule } from "./bundle.js";
import type { ServiceProcess } from "./child.js";

type StartFunction = (handlers: unknown, options: Record<string, unknown>) => Promise<{ readonly url: string; close(): Promise<void> }>;

/** A pino logger whose lines go to the dev log sink under the service's name. */
export function sinkLogger(id: string, level: string, log: LogSink): Logger {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line !== "") log(id, line);
      done();
    },
  });
  return pino({ level, base: { service: id }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label: string) => ({ level: label }) } }, stream);
}

/**
 * Starts a service of the project inside this process (`archkit dev --single`): its handlers
 * and generated start function are compiled (`bundleModule`) and imported fresh on every call,
 * so a restart picks up edited handlers. Events go through the dev broker (`ARCHKIT_BROKER_URL`),
 * as with processes.
 */
export async function startInProcess(project: DevProject, id: string, port: number, env: Readonly<Record<string, string | undefined>>, log: LogSink): Promise<ServiceProcess> {
  const files = serviceFiles(project, id);
  const bundle = await bundleModule(project, id);
  const loaded = (await import(pathToFileURL(bundle).href)) as { generated: Record<string, unknown>; handlers: unknown };
  await rm(bundle, { force: true });
  const start = Object.entries(loaded.generated).find(([name, value]) => name.startsWith("start") && typeof value === "function")?.[1] as StartFunction | undefined;
  if (!start) throw new Error(`${files.start} exports no start function; run \`archkit generate\``);
  if (loaded.handlers === undefined) throw new Error(`${files.handlers} does not export \`handlers\``);
  const logger = sinkLogger(id, env.LOG_LEVEL ?? "info", log);
  const running = await start(loaded.handlers, { env, port, logger });
  return {
    id,
    url: running.url,
    pid: process.pid,
    stop: async () => {
      await running.close();
      return 0;
    },
  };
}
