import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Model, ModelLists } from "../model-system.js";
import { computeModel } from "./compute.js";
import { ModelFileError } from "./errors.js";
import type { ComputedModel } from "./types.js";

/** The version of the serialized model this archkit writes and reads. */
export const MODEL_FILE_VERSION = 1;

const REGENERATE = "run `archkit generate` in the project to write it anew";
const ARRAYS = [
  "actors",
  "externals",
  "clients",
  "services",
  "events",
  "stores",
  "schemas",
  "flows",
  "stateMachines",
] as const satisfies readonly (keyof ModelLists)[];

/** The text of `services/model.json`: the model with its version and stage, keys in model order. */
export function serializeModel(model: Model): string {
  return `${JSON.stringify({ archkit: MODEL_FILE_VERSION, stage: "computed", model }, null, 1)}\n`;
}

/**
 * Read a serialized model, checking its version and shape; a missing, stale or foreign file is a
 * ModelFileError that says what to do, never a stack trace.
 *
 * @example
 * const computed = readModelFile(new URL("../../../model.json", import.meta.url));
 * computed.service("orders").needs.env;
 */
export function readModelFile(file: string | URL): ComputedModel {
  const path = typeof file === "string" ? file : fileURLToPath(file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ModelFileError(`${path} does not exist or cannot be read`, REGENERATE);
  }
  return parseModelFile(text, path);
}

export function parseModelFile(text: string, path: string): ComputedModel {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(`${path} is not JSON (${(error as Error).message})`, REGENERATE);
  }
  const envelope = (data ?? {}) as { archkit?: unknown; stage?: unknown; model?: unknown };
  if (typeof envelope.archkit !== "number" || envelope.stage !== "computed") {
    throw new ModelFileError(
      `${path} is not a model archkit wrote (no "archkit" version and "computed" stage)`,
      REGENERATE,
    );
  }
  if (envelope.archkit !== MODEL_FILE_VERSION) {
    const newer = envelope.archkit > MODEL_FILE_VERSION;
    throw new ModelFileError(
      `${path} has model version ${envelope.archkit}, this archkit reads version ${MODEL_FILE_VERSION}`,
      newer ? "upgrade archkit to the version that generated the project, or regenerate it with this one" : REGENERATE,
    );
  }
  const problem = shapeProblem(envelope.model);
  if (problem) throw new ModelFileError(`${path} is not a complete model: ${problem}`, REGENERATE);
  return computeModel(envelope.model as Model);
}

function shapeProblem(model: unknown): string | undefined {
  if (model === null || typeof model !== "object") return "no model object";
  const m = model as Record<string, unknown>;
  const system = m.system as { name?: unknown } | undefined;
  if (typeof system?.name !== "string") return "no system name";
  const missing = ARRAYS.find((key) => !Array.isArray(m[key]));
  if (missing) return `"${missing}" is not a list`;
  const deployment = m.deployment as { environments?: unknown } | undefined;
  if (!Array.isArray(deployment?.environments)) return "no deployment environments";
  return undefined;
}
