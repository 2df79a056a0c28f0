/** Where a progress line goes: a terminal, normally stderr. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** Nothing is shown until the run has taken this long, in ms (short runs stay quiet). */
  readonly delay?: number;
  /** Counts are redrawn at most this often, in ms. */
  readonly interval?: number;
  readonly now?: () => number;
}

/** One line of status, redrawn in place and erased at the end; a no-op unless the stream is a terminal. */
export interface Progress {
  /** A step of the run, e.g. `generating docs (3/4 targets)`. */
  step(label: string): void;
  /** Progress through a step, e.g. `writing 120/7689 files`. */
  count(label: string, done: number, total: number, unit: string): void;
  /** Erase the line (before printing anything else); a later update draws it again. */
  clear(): void;
}

const ERASE = "\r\x1b[K";

/** Shows nothing: for output that other programs read (`--check`, `--dry-run`). */
export const NO_PROGRESS: Progress = { step: () => undefined, count: () => undefined, clear: () => undefined };

/**
 * A progress line on `stream` when it is a terminal (not under TERM=dumb), shown only once the
 * run is slower than `delay`.
 * @example
 * const progress = createProgress({ stream: process.stderr });
 * progress.count("writing", 10, 200, "files");
 * progress.clear();
 */
export function createProgress(options: ProgressOptions): Progress {
  const { stream, delay = 300, interval = 100, now = Date.now } = options;
  if (stream.isTTY !== true || process.env.TERM === "dumb") return NO_PROGRESS;
  const start = now();
  let drawnAt: number | undefined;
  let shown = false;
  const draw = (text: string, force: boolean) => {
    const time = now();
    if (time - start < delay) return;
    if (!force && drawnAt !== undefined && time - drawnAt < interval) return;
    const width = Math.max(20, (stream.columns || 80) - 1);
    stream.write(`${ERASE}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    drawnAt = time;
    shown = true;
  };
  return {
    step: (label) => draw(`archkit: ${label}`, true),
    count: (label, done, total, unit) => draw(`archkit: ${label} ${done}/${total} ${unit}`, done === total),
    clear: () => {
      if (shown) stream.write(ERASE);
      shown = false;
      drawnAt = undefined;
    },
  };
}
