export { createLogger } from "./logger.js";
export { createRedactor, REDACTED, SENSITIVE_KEY_PATTERNS } from "./redact.js";
export type { Redactor } from "./redact.js";
export type { Logger, LoggerOptions } from "./logger.js";
export {
  CORRELATION_HEADER,
  acceptCorrelationId,
  currentCorrelation,
  currentCorrelationId,
  currentLogger,
  newCorrelationId,
  runWithCorrelation,
  withCorrelationId,
} from "./correlation.js";
export type { CorrelationContext } from "./correlation.js";
export { createHttpMetrics, createMetricsRegistry } from "./metrics.js";
export type { HttpMetrics, RegistryOptions } from "./metrics.js";
