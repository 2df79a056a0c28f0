import { buildC4Site } from "./c4builder.js";
import type { Env } from "./locate.js";
import { renderMermaidDiagrams } from "./mermaid.js";
import { errorLine, type RendererName, type RenderOutcome } from "./outcome.js";
import { unreachable } from "../model/errors.js";

export interface RenderOptions {
  readonly env: Env;
  /** Paths as the user should read them in messages (e.g. relative to the working folder). */
  readonly show: (path: string) => string;
  /** Called as renderers advance, with the progress of every renderer so far. */
  readonly onProgress?: (
    progress: ReadonlyMap<RendererName, { readonly done: number; readonly total: number }>,
  ) => void;
}

/**
 * Render the docs written under `docsDir`: the Mermaid diagrams to SVG and the c4builder site,
 * side by side. A renderer that cannot run or fails does not stop the other.
 * @example const outcomes = await renderDocs("/repo/docs", ["mermaid", "c4builder"], { env: process.env, show: (p) => p });
 */
export async function renderDocs(
  docsDir: string,
  renderers: readonly RendererName[],
  options: RenderOptions,
): Promise<readonly RenderOutcome[]> {
  const progress = new Map<RendererName, { done: number; total: number }>();
  const report = (renderer: RendererName) => (done: number, total: number) => {
    progress.set(renderer, { done, total });
    options.onProgress?.(progress);
  };
  return Promise.all(
    renderers.map((renderer) =>
      runRenderer(renderer, docsDir, { env: options.env, show: options.show, onProgress: report(renderer) }),
    ),
  );
}

async function runRenderer(
  renderer: RendererName,
  docsDir: string,
  options: { env: Env; show: (path: string) => string; onProgress: (done: number, total: number) => void },
): Promise<RenderOutcome> {
  try {
    switch (renderer) {
      case "mermaid":
        return await renderMermaidDiagrams(docsDir, options);
      case "c4builder":
        return await buildC4Site(docsDir, options);
      default: {
        return unreachable(renderer);
      }
    }
  } catch (error) {
    const stack =
      error instanceof Error && error.stack
        ? error.stack
            .split("\n")
            .slice(1, 6)
            .map((l) => l.trim())
        : [];
    return { kind: "failed", renderer, message: errorLine(error), details: stack };
  }
}
