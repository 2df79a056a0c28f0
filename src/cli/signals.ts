import type { Io } from "./io.js";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * The first SIGINT, SIGTERM or SIGHUP resolves `until` (stop gracefully), a second one `hurry`
 * (kill now). The handlers stay until `release`, so no signal kills archkit before its children.
 * Started by npm (`npx archkit dev`, `npm run`), archkit also stops when that npm process is gone:
 * npm hands a SIGTERM to the shell between them, which exits without passing it on.
 */
export function stopSignals(io: Io): { until: Promise<void>; hurry: Promise<void>; release: () => void } {
  let count = 0;
  let first: () => void = () => undefined;
  let second: () => void = () => undefined;
  const until = new Promise<void>((resolve) => (first = resolve));
  const hurry = new Promise<void>((resolve) => (second = resolve));
  const handler = () => (++count === 1 ? first() : second());
  for (const signal of SIGNALS) process.on(signal, handler);
  const parent = process.ppid;
  const watch =
    process.env.npm_lifecycle_event === undefined
      ? undefined
      : setInterval(() => {
          if (process.ppid === parent || count > 0) return;
          io.err(`archkit: the process that started archkit dev (pid ${parent}, e.g. npx) is gone; stopping`);
          handler();
        }, 500);
  watch?.unref();
  const release = () => {
    clearInterval(watch);
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  return { until, hurry, release };
}
