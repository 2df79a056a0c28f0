import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { MODEL_FILE } from "../model/naming.js";
import { readModelFile } from "../model/computed/index.js";
import type { Model } from "../model/index.js";
import { ArchkitError } from "../model/errors.js";

/** A generated project as `archkit dev` sees it. */
export interface DevProject {
  readonly dir: string;
  /** The spec the project is generated from (watched for changes). */
  readonly spec: string;
  /** `services/model.json`, what the services load at start. */
  readonly modelFile: string;
}

/** Error for a project that cannot be started; the message is meant for the user as is. */
export class DevProjectError extends ArchkitError {
  override readonly name = "DevProjectError";
  override readonly code = "dev-project";
}

export function devProject(dir: string, spec?: string): DevProject {
  const root = resolve(dir);
  return {
    dir: root,
    spec: resolve(root, spec ?? "architecture.yaml"),
    modelFile: join(root, MODEL_FILE),
  };
}

/** The computed model the generated services load, read through the one checked loader. */
export function readProjectModel(project: DevProject): Model {
  if (!existsSync(project.modelFile)) {
    throw new DevProjectError(
      `${project.modelFile} does not exist: ${project.dir} is not a generated project; run \`archkit generate --only services\` there first`,
    );
  }
  return readModelFile(project.modelFile).model;
}

/** Where a service's code lives in a generated project. */
export function serviceFiles(
  project: DevProject,
  service: string,
): { readonly main: string; readonly handlers: string; readonly start: string; readonly src: string } {
  const src = join(project.dir, "services", service, "src");
  return {
    src,
    main: join(src, "main.ts"),
    handlers: join(src, "handlers.ts"),
    start: join(src, "generated", "service.ts"),
  };
}
