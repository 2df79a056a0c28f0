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

/** Fields every record has, or that the short line shows in a place of their own. */
const SHOWN_APART = new Set([
  "level",
  "time",
  "msg",
  "service",
  "pid",
  "hostname",
  "name",
  "v",
  "err",
  "correlationId",
]);
const REQUEST_FIELDS = ["method", "route", "status", "durationMs"] as const;
const LONGEST_VALUE = 160;
const STACK_FRAMES = 6;

/**
 * A pino JSON line as a short human line: time, level, message, the request (method, route,
 * status, duration), the correlation id (a UUID's first 8 characters), every other field as
 * `key=value`, then the error's message; at level error the error's stack follows on lines of
 * its own. Other lines as they are.
 *
 * @example
 * prettyLogLine('{"level":"info","time":"2026-01-01T10:00:00.000Z","msg":"listening","port":3001}', false);
 * // "10:00:00.000 info  listening port=3001"
 */
export function prettyLogLine(line: string, colour: boolean, record: LogRecord | undefined = logRecord(line)): string {
  if (!record) return line;
  const time = typeof record.time === "string" ? record.time.slice(11, 23) : "";
  const level = String(record.level ?? "");
  const severe = level === "error" || level === "fatal";
  const paint = !colour ? (t: string) => t : severe ? pc.red : level === "warn" ? pc.yellow : pc.dim;
  const dim = colour ? pc.dim : (t: string) => t;
  const head = [dim(time), paint(level.padEnd(5)), String(record.msg ?? ""), requestPart(record)];
  const fields = [correlationPart(record), ...fieldParts(record)].map((f) => (f === "" ? f : dim(f)));
  const text = [...head, ...fields].filter((p) => p !== "").join(" ") + errorPart(record);
  return severe ? [text, ...stackLines(record)].join("\n") : text;
}

function requestPart(record: LogRecord): string {
  if (typeof record.method !== "string") return "";
  const ms = typeof record.durationMs === "number" ? ` ${record.durationMs}ms` : "";
  return `${record.method} ${String(record.route ?? "")} ${String(record.status ?? "")}${ms}`.trim();
}

function correlationPart(record: LogRecord): string {
  const id = record.correlationId;
  if (typeof id !== "string") return "";
  return `#${/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? id.slice(0, 8) : id}`;
}

function fieldParts(record: LogRecord): string[] {
  const request = typeof record.method === "string" ? new Set<string>(REQUEST_FIELDS) : new Set<string>();
  return Object.entries(record)
    .filter(([key, value]) => !SHOWN_APART.has(key) && !request.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${compactValue(value)}`);
}

function compactValue(value: unknown): string {
  const text =
    typeof value === "string" ? (/^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)) : JSON.stringify(value);
  return text.length > LONGEST_VALUE ? `${text.slice(0, LONGEST_VALUE - 1)}…` : text;
}

function errorPart(record: LogRecord): string {
  const err = record.err as { message?: string; code?: unknown } | undefined;
  if (!err?.message) return "";
  return `: ${err.message}${typeof err.code === "string" ? ` (${err.code})` : ""}`;
}

function stackLines(record: LogRecord): string[] {
  const stack = (record.err as { stack?: unknown } | undefined)?.stack;
  if (typeof stack !== "string") return [];
  const frames = stack.split("\n").filter((l) => /^\s+at /.test(l));
  return frames.slice(0, STACK_FRAMES).map((f) => `    ${f.trim()}`);
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
