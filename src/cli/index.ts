import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { registerDev } from "./dev.js";
import { registerDocs } from "./docs.js";
import { registerGenerate } from "./generate.js";
import { registerInfra } from "./infra.js";
import { registerInit } from "./init.js";
import { registerMigrate } from "./migrate.js";
import { registerSla } from "./sla.js";
import { isArchkitError } from "../model/errors.js";
import { registerToken } from "./token.js";
import { type Io, PACKAGE_ROOT, processIo } from "./io.js";
import { registerValidate } from "./validate.js";

export { runInit, exampleSpec, SCHEMA_PATH } from "./init.js";
export { runValidate } from "./validate.js";
export { runGenerate } from "./generate.js";
export type { Io } from "./io.js";
export { UserError, processIo } from "./io.js";

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

export function createProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("archkit")
    .description("Architecture as code: compile architecture.yaml into services, infrastructure, docs and tests")
    .version(version())
    .showHelpAfterError("(run archkit --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerValidate(program, io, setExit);
  registerInit(program, io, setExit);
  registerGenerate(program, io, setExit);
  registerInfra(program, io, setExit);
  registerMigrate(program, io, setExit);
  registerDocs(program, io, setExit);
  registerSla(program, io, setExit);
  registerDev(program, io, setExit);
  registerToken(program, io, setExit);
  return program;
}

/**
 * Run the CLI and return its exit code: 0 success, 1 the user's mistake or a failed check, 2
 * archkit or its environment failed. Errors are reported in one line (and a hint), never as a stack trace.
 * @example process.exitCode = await main(process.argv);
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const program = createProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    return reportError(io, error);
  }
}

/** Reports what a command threw and returns the exit code it ends with. */
export function reportError(io: Io, error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
  if (isArchkitError(error)) {
    io.err(`archkit: ${error.message}`);
    if (error.hint) io.err(`hint: ${error.hint}`);
    debugStack(io, error);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`archkit: internal error: ${message.split("\n")[0]} (set ARCHKIT_DEBUG=1 for details; please report it)`);
  debugStack(io, error);
  return 2;
}

function debugStack(io: Io, error: unknown): void {
  if (process.env.ARCHKIT_DEBUG && error instanceof Error) io.err(error.stack ?? "");
}
