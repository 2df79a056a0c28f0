import { relative, resolve } from "node:path";
import { compileFile, type Model } from "../model/index.js";
import { formatDiagnostic, formatSummary, shownDiagnostics } from "./format.js";
import { DEFAULT_SPEC, type Io } from "./io.js";

export interface LoadedSpec {
  /** Absolute path of the spec. */
  readonly file: string;
  readonly model: Model;
}

/**
 * Compile the spec for a command that needs a valid model. With errors, print them as
 * `validate` does, say that `nothing` was done, and return undefined (the command exits 1).
 */
export async function loadValidSpec(
  io: Io,
  spec: string | undefined,
  nothing: string,
): Promise<LoadedSpec | undefined> {
  const file = resolve(io.cwd, spec ?? DEFAULT_SPEC);
  const shown = relative(io.cwd, file) || file;
  const result = await compileFile(file);
  if (result.ok && result.model) return { file, model: result.model };
  for (const { diagnostic, source } of shownDiagnostics(io.cwd, result.raw, result.diagnostics))
    io.out(`${formatDiagnostic(diagnostic, { source, color: io.color })}\n`);
  io.out(formatSummary(shown, result.diagnostics, io.color));
  io.err(`archkit: ${nothing}; fix the errors above first`);
  return undefined;
}
