import { pino, type DestinationStream, type Logger } from "pino";
import { createRedactor } from "./redact.js";

export type { Logger };

export interface LoggerOptions {
  /** Written as `service` on every line. */
  readonly name?: string;
  /** Defaults to `LOG_LEVEL`, then `info`. */
  readonly level?: string;
  /** Where lines go: a pino destination, a file path, or stdout when absent. */
  readonly destination?: DestinationStream | string;
  /** Keys redacted besides the built-in patterns: the columns the spec marks `sensitive` (`computed.sensitiveFields`). */
  readonly sensitive?: readonly string[];
}

/**
 * A pino JSON logger: ISO timestamps, textual levels, and every line redacted by key (passwords,
 * tokens, secrets, authorization, cookies, emails and the spec's sensitive columns, at any depth,
 * in logged errors and in logged SQL parameters); see `createRedactor`.
 *
 * @example
 * const log = createLogger({ name: "orders", sensitive: computed.sensitiveFields });
 * log.info({ orderId }, "order placed");
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? "info";
  const redact = createRedactor(options.sensitive);
  const config = {
    level,
    base: options.name === undefined ? {} : { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }), log: redact },
    /** Errors are serialized (with pino's serializer) and redacted by `redact`, before serializers run. */
    serializers: { err: (value: unknown) => value },
  };
  const { destination } = options;
  if (destination === undefined) return pino(config);
  const stream = typeof destination === "string" ? pino.destination({ dest: destination, sync: false }) : destination;
  return pino(config, stream);
}
