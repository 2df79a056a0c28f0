/** The logging the event runtime needs; a pino logger fits it. */
export interface EventLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const ignore = (): void => undefined;

/** Drops everything; the default when no logger is given. */
export const silentLogger: EventLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
