import { relative, resolve } from "node:path";
import type { Command } from "commander";
import type { CompileResult } from "../model/index.js";
import { DEFAULT_SPEC, type Io, UserError } from "./io.js";
import { specCommand } from "./options.js";

export interface ValidateOptions {
  readonly format: "text" | "json";
  readonly summary?: boolean;
  readonly strict?: boolean;
}

/** Validate a spec and print every diagnostic. Returns the exit code: 1 when there are errors. */
export async function runValidate(io: Io, spec: string | undefined, options: ValidateOptions): Promise<number> {
  const file = resolve(io.cwd, spec ?? DEFAULT_SPEC);
  const shown = relative(io.cwd, file) || file;
  const [{ compileFile }, { formatDiagnostic, formatSummary, shownDiagnostics }, { summarize }] = await Promise.all([
    import("../model/index.js"),
    import("./format.js"),
    import("./summary.js"),
  ]);
  const result = await compileFile(file);
  const shownList = shownDiagnostics(io.cwd, result.raw, result.diagnostics);
  const diagnostics = shownList.map((s) => s.diagnostic);
  const failed = !result.ok || (options.strict === true && diagnostics.length > 0);
  if (options.format === "json") {
    io.out(JSON.stringify(jsonReport(shown, result, diagnostics), null, 2));
    return failed ? 1 : 0;
  }
  for (const { diagnostic, source } of shownList)
    io.out(`${formatDiagnostic(diagnostic, { source, color: io.color })}\n`);
  io.out(formatSummary(shown, diagnostics, io.color));
  if (options.summary && result.ok && result.model) io.out(`\n${summarize(result.model)}`);
  return failed ? 1 : 0;
}

function jsonReport(file: string, result: CompileResult, diagnostics: CompileResult["diagnostics"]) {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { file, ok: result.ok, errors, warnings: diagnostics.length - errors, diagnostics };
}

export function registerValidate(program: Command, io: Io, setExit: (code: number) => void): void {
  specCommand(program, "validate", "check architecture.yaml and report every problem at once", [
    ["-f, --format <format>", "text or json", "text"],
    ["--summary", "print what the spec declares when it is valid"],
    ["--strict", "treat warnings as errors (exit 1)"],
  ])
    .addHelpText(
      "after",
      `
Examples:
  $ archkit validate
  $ archkit validate specs/shop.yaml --format json > diagnostics.json

Exit codes: 0 valid (warnings allowed), 1 errors found, 2 archkit itself failed.`,
    )
    .action(async (spec: string, options: { format: string; summary?: boolean; strict?: boolean }) => {
      if (options.format !== "text" && options.format !== "json")
        throw new UserError(`unknown format "${options.format}"`, "use --format text or --format json");
      setExit(
        await runValidate(io, spec, { format: options.format, summary: options.summary, strict: options.strict }),
      );
    });
}
