import { Writable } from "node:stream";
import pc from "picocolors";
import type { Logger } from "pino";
import { createLogger } from "../runtime/index.js";

const COLOURS = [pc.cyan, pc.magenta, pc.yellow, pc.green, pc.blue, pc.red] as const;

/** Writes one line of a service's output (with its JSON record when it is one); `archkit dev` prefixes and colours it. */
export type LogSink = (service: string, line: string, record?: LogRecord) => void;

/** A pino log line, parsed. */
export type LogRecord = Readonly<Record<string, unknown>>;

/** The JSON record of a log line, or undefined for a line that is not one. */
export function logRecord(line: string): LogRecord | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as LogRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** A colour per name, stable for the order names are first seen in. */
export function colourFor(names: readonly string[], enabled: boolean): (name: string) => (text: string) => string {
  const width = Math.max(...names.map((n) => n.length), 7);
  return (name) => {
    const index = names.indexOf(name);
    const colour = enabled ? COLOURS[(index < 0 ? names.length : index) % COLOURS.length]! : (text: string) => text;
    return (text) => `${colour(name.padEnd(width))} │ ${text}`;
  };
}

/** A pino JSON line as a short human line (time, level, message, request); other lines as they are. */
export function prettyLogLine(line: string, colour: boolean, record: LogRecord | undefined = logRecord(line)): string {
  if (!record) return line;
  const time = typeof record.time === "string" ? record.time.slice(11, 23) : "";
  const level = String(record.level ?? "");
  const paint = !colour
    ? (t: string) => t
    : level === "error" || level === "fatal"
      ? pc.red
      : level === "warn"
        ? pc.yellow
        : pc.dim;
  const request = requestPart(record);
  const error = errorPart(record);
  return [pc.dim(time), paint(level.padEnd(5)), String(record.msg ?? ""), request, error]
    .filter((p) => p !== "")
    .join(" ");
}

function requestPart(record: LogRecord): string {
  if (typeof record.method !== "string") return "";
  const ms = typeof record.durationMs === "number" ? ` ${record.durationMs}ms` : "";
  return `${record.method} ${String(record.route ?? "")} ${String(record.status ?? "")}${ms}`.trim();
}

function errorPart(record: LogRecord): string {
  const err = record.err as { message?: string } | undefined;
  return err?.message ? `: ${err.message}` : "";
}

/** The runtime's logger (same format and redaction), its lines going to the dev log sink under the service's name. */
export function sinkLogger(id: string, level: string, log: LogSink): Logger {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line !== "") log(id, line);
      done();
    },
  });
  return createLogger({ level, name: id, destination: stream });
}
