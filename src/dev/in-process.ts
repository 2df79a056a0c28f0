import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { pino, type Logger } from "pino";
import type { LogSink } from "./logs.js";
import { serviceFiles, type DevProject } from "./project.js";
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
 * and generated start function are loaded with tsx, fresh on every call, so a restart picks up
 * edited handlers. Events go through the dev broker (`ARCHKIT_BROKER_URL`), as with processes.
 */
export async function startInProcess(project: DevProject, id: string, port: number, env: Readonly<Record<string, string | undefined>>, log: LogSink): Promise<ServiceProcess> {
  const { tsImport } = await import("tsx/esm/api");
  const files = serviceFiles(project, id);
  const parent = pathToFileURL(files.main).href;
  const [started, user] = await Promise.all([tsImport(files.start, parent) as Promise<Record<string, unknown>>, tsImport(files.handlers, parent) as Promise<Record<string, unknown>>]);
  const start = Object.entries(started).find(([name, value]) => name.startsWith("start") && typeof value === "function")?.[1] as StartFunction | undefined;
  if (!start) throw new Error(`${files.start} exports no start function; run \`archkit generate\``);
  if (user.handlers === undefined) throw new Error(`${files.handlers} does not export \`handlers\``);
  const logger = sinkLogger(id, env.LOG_LEVEL ?? "info", log);
  const running = await start(user.handlers, { env, port, logger });
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
