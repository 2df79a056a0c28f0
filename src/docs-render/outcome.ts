/** The renderers `archkit docs --render` runs. */
import { unreachable } from "../model/errors.js";
export type RendererName = "mermaid" | "c4builder";

export const RENDERERS: readonly RendererName[] = ["mermaid", "c4builder"];

/**
 * What one renderer did:
 * - `done`: everything rendered; `summary` says what and where, `seconds` how long it took.
 * - `missing`: a package or program it needs is not installed (the user can fix it: exit 1).
 * - `failed`: it ran and broke, or wrote an image with an error in it (exit 2).
 */
export type RenderOutcome =
  | { readonly kind: "done"; readonly renderer: RendererName; readonly summary: string; readonly seconds: number }
  | { readonly kind: "missing"; readonly renderer: RendererName; readonly message: string }
  | {
      readonly kind: "failed";
      readonly renderer: RendererName;
      readonly message: string;
      readonly details: readonly string[];
    };

/** The exit code of a render: 2 when a renderer failed, 1 when one could not run, 0 otherwise. */
export function renderExitCode(outcomes: readonly RenderOutcome[]): number {
  let code = 0;
  for (const outcome of outcomes) {
    switch (outcome.kind) {
      case "done":
        break;
      case "missing":
        code = Math.max(code, 1);
        break;
      case "failed":
        code = 2;
        break;
      default: {
        return unreachable(outcome);
      }
    }
  }
  return code;
}

/** Seconds with one decimal, e.g. `4.1 s`. */
export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(1)} s`;
}

/** Milliseconds since `start` (from `performance.now()`), in seconds. */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** The first line of an error's message. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? "unknown error"
  );
}
