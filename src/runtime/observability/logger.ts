import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

export interface LoggerOptions {
  /** Written as `service` on every line. */
  readonly name?: string;
  /** Defaults to `LOG_LEVEL`, then `info`. */
  readonly level?: string;
  /** Where lines go: a pino destination, a file path, or stdout when absent. */
  readonly destination?: DestinationStream | string;
}

/** No wildcard first segment: pino then redacts only lines that have one of these keys, at no cost to the others. */
const REDACTED = ["req.headers.authorization", "headers.authorization", "authorization", "password", "body.password"];

/**
 * A pino JSON logger: ISO timestamps, textual levels, authorization headers and passwords redacted.
 *
 * @example
 * const log = createLogger({ name: "orders" });
 * log.info({ orderId }, "order placed");
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? "info";
  const config = {
    level,
    base: options.name === undefined ? {} : { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED, censor: "[redacted]" },
  };
  const { destination } = options;
  if (destination === undefined) return pino(config);
  const stream = typeof destination === "string" ? pino.destination({ dest: destination, sync: false }) : destination;
  return pino(config, stream);
}
