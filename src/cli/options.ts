import type { Command } from "commander";
import { DEFAULT_SPEC } from "./io.js";

/** One option of a command as commander takes it: flags, description, default. */
export type OptionRow = readonly [flags: string, description: string, defaultValue?: string];

/** `--free-ports`, the same for every command that starts the system. */
export const FREE_PORTS: OptionRow = [
  "--free-ports",
  "let the OS pick every port instead of the ports the model assigns (archkit dev keeps them for the next start)",
];

/**
 * Adds the options of `rows` to `command` in order.
 *
 * @example
 * withOptions(program.command("dev"), [["--single", "run every service in this process"], FREE_PORTS]);
 */
export function withOptions(command: Command, rows: readonly OptionRow[]): Command {
  for (const [flags, description, value] of rows) command.option(flags, description, value);
  return command;
}

/**
 * `archkit <name> [spec]`: a command on one spec file (default `architecture.yaml`) with these options.
 *
 * @example
 * specCommand(program, "validate", "check architecture.yaml", [["--strict", "treat warnings as errors"]]);
 */
export function specCommand(program: Command, name: string, description: string, rows: readonly OptionRow[]): Command {
  const command = program.command(name).argument("[spec]", "the spec file", DEFAULT_SPEC).description(description);
  return withOptions(command, rows);
}
