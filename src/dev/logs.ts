import pc from "picocolors";

const COLOURS = [pc.cyan, pc.magenta, pc.yellow, pc.green, pc.blue, pc.red] as const;

/** Writes one line of a service's output; `archkit dev` prefixes and colours it. */
export type LogSink = (service: string, line: string) => void;

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
export function prettyLogLine(line: string, colour: boolean): string {
  if (!line.startsWith("{")) return line;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record.time === "string" ? record.time.slice(11, 23) : "";
  const level = String(record.level ?? "");
  const paint = !colour ? (t: string) => t : level === "error" || level === "fatal" ? pc.red : level === "warn" ? pc.yellow : pc.dim;
  const request = requestPart(record);
  const error = errorPart(record);
  return [pc.dim(time), paint(level.padEnd(5)), String(record.msg ?? ""), request, error].filter((p) => p !== "").join(" ");
}

function requestPart(record: Record<string, unknown>): string {
  if (typeof record.method !== "string") return "";
  const ms = typeof record.durationMs === "number" ? ` ${record.durationMs}ms` : "";
  return `${record.method} ${String(record.route ?? "")} ${String(record.status ?? "")}${ms}`.trim();
}

function errorPart(record: Record<string, unknown>): string {
  const err = record.err as { message?: string } | undefined;
  return err?.message ? `: ${err.message}` : "";
}
